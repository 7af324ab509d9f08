"""Reads over oversight activities and their recommendations."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Case, Count, F, IntegerField, Q, Value, When
from django.utils import timezone

from councilwork.admin_history import person_name
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


# The orders of the ward's list of recommendations (?sort=); an unknown one is the default.
# A missing deadline sorts last either way, on every database.
RECOMMENDATION_SORTS = {
    "overdue": ("-is_overdue", F("deadline").asc(nulls_last=True), "pk"),
    "deadline": (F("deadline").asc(nulls_last=True), "pk"),
    "-deadline": (F("deadline").desc(nulls_last=True), "pk"),
    "status": ("status_order", F("deadline").asc(nulls_last=True), "pk"),
    "activity_end": ("activity__end_date", "pk"),
    "-activity_end": ("-activity__end_date", "pk"),
}
DEFAULT_SORT = "overdue"


def recommendation_rows(
    queryset,
    *,
    council: Council,
    today: dt.date,
    sort: str = DEFAULT_SORT,
    status: str = "",
    overdue: str = "",
):
    """The council's recommendations out of ``queryset`` (those the user may record), each
    with its activity and ``is_overdue`` on ``today`` (overdue_q), filtered by ``status``
    and ``overdue`` ("yes" or "no"; anything else: all) and in the ``sort`` order. Lazy:
    one query for the rows (with their activity) once paginated."""
    rows = (
        queryset.filter(activity__council=council)
        .select_related("activity")
        .with_overdue(today)
        .annotate(
            status_order=Case(
                *(When(status=v, then=Value(n)) for n, v in enumerate(RecommendationStatus.values)),
                default=Value(len(RecommendationStatus.values)),
                output_field=IntegerField(),
            )
        )
    )
    if status in RecommendationStatus.values:
        rows = rows.filter(status=status)
    if overdue in ("yes", "no"):
        rows = rows.filter(is_overdue=overdue == "yes")
    return rows.order_by(*RECOMMENDATION_SORTS.get(sort, RECOMMENDATION_SORTS[DEFAULT_SORT]))


@dataclass(frozen=True)
class StatusChange:
    """One change of a recommendation's status (its first status when it was recorded)."""

    when: dt.datetime
    user: str
    before: str  # the status's label; "" for the first one
    after: str
    response_number: str
    response_date: dt.date | None
    response_content: str


def status_history(recommendation: Recommendation) -> list[StatusChange]:
    """Each change of ``recommendation``'s status, oldest first, from its audit history:
    when, by whom, from which status to which, and the response recorded with it. 1 query.
    """
    labels = dict(RecommendationStatus.choices)
    records = (
        Recommendation.history.filter(id=recommendation.pk)
        .exclude(history_type="-")
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    changes, before = [], None
    for record in records:
        if record.status == before:
            continue
        user = record.history_user
        changes.append(
            StatusChange(
                when=record.history_date,
                user=person_name(user) if user else "",
                before=str(labels.get(before, before or "")),
                after=str(labels.get(record.status, record.status)),
                response_number=record.response_number,
                response_date=record.response_date,
                response_content=record.response_content,
            )
        )
        before = record.status
    return changes
