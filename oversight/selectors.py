"""Reads over oversight activities."""

from django.db.models import Count, Q

from councilwork.models import Council
from councilwork.selectors import OwnAndBelow, count_own_and_below

from .models import ActivityKind, OversightActivity


def activity_counts(*, council: Council, year: int) -> OwnAndBelow:
    """Activities started in ``year``, in total and per kind; own and per level below."""
    return count_own_and_below(
        OversightActivity.objects.in_year(year),
        council=council,
        year=year,
        kinds=ActivityKind.values,
    )


def _counts_by(field: str, queryset) -> dict[int, dict[str, int]]:
    aggregates = {"total": Count("pk")}
    for kind in ActivityKind.values:
        aggregates[kind] = Count("pk", filter=Q(kind=kind))
    rows = queryset.values(field).annotate(**aggregates).order_by()
    return {row.pop(field): row for row in rows}


def activity_counts_by_council(*, councils, year: int) -> dict[int, dict[str, int]]:
    """Per council id: activities started in ``year``, total and per kind. 1 query."""
    activities = OversightActivity.objects.in_year(year).filter(council__in=councils)
    return _counts_by("council", activities)


def activity_counts_by_body(*, councils, year: int) -> dict[int, dict[str, int]]:
    """Per body id: activities it conducted in ``year``, total and per kind. 1 query."""
    activities = OversightActivity.objects.in_year(year).filter(
        council__in=councils, conducted_by__isnull=False
    )
    return _counts_by("conducted_by", activities)
