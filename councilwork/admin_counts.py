"""Admin changelists at national volume: estimated totals, per-row counts, year spans."""

import datetime as dt
from functools import cache

from django.core.paginator import Paginator
from django.db import connections
from django.db.models import Count, DateField, DateTimeField, Max, Min, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils.functional import cached_property


class AtLeast(int):
    """A count past a cap: the cap, shown as "1000+"."""

    def __str__(self) -> str:
        return f"{int(self)}+"


class About(int):
    """A count estimated from the database's statistics: shown as "≈ 12345", so neither
    the list's total nor its "Select all" link claims an exact number it never counted."""

    def __str__(self) -> str:
        return f"≈ {int(self)}"


class EstimatedCountPaginator(Paginator):
    """A paginator that does not count a large table's every row on each page view.

    An unfiltered changelist of a big table (national resolutions, scores) would run
    COUNT(*) over all its rows per page view. PostgreSQL keeps an estimate of each
    table's rows in pg_class, refreshed by autovacuum: above a threshold the
    estimate is used; below it, or when filtered, or on SQLite, the exact count.

    A searched list (``search_cap``, set by the admin for a search) is counted up to
    the cap: a common word ("ngan sach") matches a fifth of national resolutions,
    and counting them all, each rechecked, took a second. Past the cap the count is
    shown as "1000+" and the pages reach the cap; a narrower search counts exactly.
    A filtered list without a search is always counted exactly.

    Neither kind of count limits what an action reaches: "Select all" acts on every
    row of the list (the admin's own queryset, filtered and searched), and the delete
    action's confirmation counts and lists exactly those rows.
    """

    EXACT_BELOW = 10_000
    search_cap: int | None = None

    @cached_property
    def count(self) -> int:
        queryset = self.object_list
        if not isinstance(queryset, QuerySet):
            return super().count
        if self.search_cap:
            rows = queryset.order_by().values("pk")[: self.search_cap + 1].count()
            return AtLeast(self.search_cap) if rows > self.search_cap else rows
        if not queryset.query.where and connections[queryset.db].vendor == "postgresql":
            estimate = _estimated_rows(queryset.db, queryset.model._meta.db_table)
            if estimate >= self.EXACT_BELOW:
                return About(estimate)
        return super().count


def _estimated_rows(alias: str, table: str) -> int:
    # figures: a read of the planner's statistics; nothing is written.
    with connections[alias].cursor() as cursor:
        cursor.execute("SELECT reltuples::bigint FROM pg_class WHERE relname = %s", [table])
        row = cursor.fetchone()
    return max(0, row[0]) if row else 0


def count_of(model, field: str, **conditions):
    """A per-row count as a correlated subquery, computed only for the rows shown.

    Unlike annotate(Count(...)), it needs no GROUP BY over the whole table before
    the page's LIMIT: PostgreSQL evaluates it for the hundred rows of the page.
    ``conditions`` narrow the rows counted (e.g. recipient_person__isnull=True).
    """
    rows = model.objects.filter(**{field: OuterRef("pk")}, **conditions)
    rows = rows.order_by().values(field)
    return Coalesce(Subquery(rows.annotate(n=Count("pk")).values("n")), 0)


class YearSpanQuerySet(QuerySet):
    """A changelist's rows whose date hierarchy lists its years from MIN and MAX.

    Django's date hierarchy lists the years of an unselected list with SELECT
    DISTINCT of the truncated date over every row shown (0.5 s for national
    resolutions), after a MIN and MAX of the rows shown that, for a search or filter
    matching few rows, walks the whole date index. Both read here the MIN and MAX of
    the admin's own rows (``span_source``: its queryset before filters and search,
    so still limited to what the user may see), once, which the date's index
    answers in a few reads. As with the year filter (admin_tools.year_filter), a
    year between the first and the last is listed even if no row shown falls in it.
    Months and days, inside one selected year, stay exact.
    """

    span_field: str = ""
    span_source: QuerySet | None = None
    _span: dict | None = None

    def aggregate(self, *args, **kwargs):
        if not args and self._is_span(kwargs):
            return dict(self._year_span())
        return super().aggregate(*args, **kwargs)

    def _is_span(self, kwargs) -> bool:
        if set(kwargs) != {"first", "last"}:
            return False
        first, last = kwargs["first"], kwargs["last"]
        return (
            type(first) is Min
            and type(last) is Max
            and [getattr(e, "name", None) for e in first.source_expressions] == [self.span_field]
            and [getattr(e, "name", None) for e in last.source_expressions] == [self.span_field]
        )

    def _year_span(self) -> dict:
        if self._span is None:
            source = self.span_source if self.span_source is not None else self
            field = self.span_field
            rows = QuerySet.order_by(source)
            self._span = QuerySet.aggregate(rows, first=Min(field), last=Max(field))
        return self._span

    def dates(self, field_name, kind, order="ASC"):
        if kind != "year" or field_name != self.span_field:
            return super().dates(field_name, kind, order)
        span = self._year_span()
        if span["first"] is None:
            return []
        years = [dt.date(y, 1, 1) for y in range(span["first"].year, span["last"].year + 1)]
        return years if order == "ASC" else years[::-1]


def with_year_span(queryset: QuerySet, field: str | None, source: QuerySet | None = None):
    """``queryset`` whose date hierarchy on the date ``field`` reads only the MIN and
    MAX of ``source`` (the rows before filters and search), once."""
    if not field or "__" in field:
        return queryset
    model_field = queryset.model._meta.get_field(field)
    if not isinstance(model_field, DateField) or isinstance(model_field, DateTimeField):
        return queryset
    clone = queryset._chain()
    clone.__class__ = _spanned(type(queryset), field)
    clone.span_source = source
    return clone


@cache
def _spanned(queryset_class: type, field: str) -> type:
    name = f"YearSpan{queryset_class.__name__}"
    return type(name, (YearSpanQuerySet, queryset_class), {"span_field": field})
