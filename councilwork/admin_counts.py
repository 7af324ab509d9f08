"""Counting in admin changelists at national volume: estimated totals, per-row counts."""

from django.core.paginator import Paginator
from django.db import connections
from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils.functional import cached_property


class EstimatedCountPaginator(Paginator):
    """A paginator that does not count a large table's every row on each page view.

    An unfiltered changelist of a big table (national resolutions, scores) would run
    COUNT(*) over millions of rows per page view. PostgreSQL keeps an estimate of
    each table's rows in pg_class, refreshed by autovacuum: above a threshold the
    estimate is used; below it, or when filtered, or on SQLite, the exact count.
    """

    EXACT_BELOW = 100_000

    @cached_property
    def count(self) -> int:
        queryset = self.object_list
        if (
            isinstance(queryset, QuerySet)
            and not queryset.query.where
            and connections[queryset.db].vendor == "postgresql"
        ):
            estimate = _estimated_rows(queryset.db, queryset.model._meta.db_table)
            if estimate >= self.EXACT_BELOW:
                return estimate
        return super().count


def _estimated_rows(alias: str, table: str) -> int:
    # figures: a read of the planner's statistics; nothing is written.
    with connections[alias].cursor() as cursor:
        cursor.execute("SELECT reltuples::bigint FROM pg_class WHERE relname = %s", [table])
        row = cursor.fetchone()
    return max(0, row[0]) if row else 0


def count_of(model, field: str):
    """A per-row count as a correlated subquery, computed only for the rows shown.

    Unlike annotate(Count(...)), it needs no GROUP BY over the whole table before
    the page's LIMIT: PostgreSQL evaluates it for the hundred rows of the page.
    """
    rows = model.objects.filter(**{field: OuterRef("pk")}).order_by().values(field)
    return Coalesce(Subquery(rows.annotate(n=Count("pk")).values("n")), 0)
