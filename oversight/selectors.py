"""Reads over oversight activities and their recommendations."""

import datetime as dt

from django.db.models import Count, Q
from django.utils import timezone

from councilwork.models import Council
from councilwork.selectors import OwnAndBelow, aggregate_own_and_below, count_own_and_below

from .models import ActivityKind, OversightActivity, Recommendation, RecommendationStatus, overdue_q


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


def recommendation_counts(
    *, council: Council, year: int, today: dt.date | None = None
) -> OwnAndBelow:
    """Recommendations made in ``year``: those of the activities that started in it (the
    year the activity counts in), by the activity's council; own and per level below.

    Each scope's dict: ``made``, ``done`` (of those, done now, whenever it was done) and
    ``overdue`` (of those, overdue on ``today``, by default the current date: not done,
    and past the deadline or open more than six months after the activity ended, as
    ``Recommendation.objects.overdue``). 2 queries.
    """
    today = today or timezone.localdate()
    return aggregate_own_and_below(
        Recommendation.objects.made_in(year),
        council=council,
        year=year,
        measures={
            "made": lambda scope: Count("pk", filter=scope),
            "done": lambda scope: Count("pk", filter=scope & Q(status=RecommendationStatus.DONE)),
            "overdue": lambda scope: Count("pk", filter=scope & overdue_q(today)),
        },
        council_field="activity__council",
    )
