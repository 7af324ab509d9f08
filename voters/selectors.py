"""Reads over citizen reception and voters' petitions, for a council's year.

A reception day, a meeting with voters, and the cases and petitions raised there,
belong to the year of the day's (the meeting's) date. "Answered" is the state now: a
reply or an answer recorded, whenever it came. "Overdue" is on ``today`` (by default
the current date): past the deadline with no reply or answer recorded, so the figure
can change from one day to the next without any record changing.
"""

import datetime as dt

from django.db.models import Count, Q, Sum
from django.utils import timezone

from councilwork.models import Council
from councilwork.selectors import OwnAndBelow, aggregate_own_and_below

from .models import (
    ANSWERED,
    CaseKind,
    PetitionStatus,
    ReceptionCase,
    ReceptionDay,
    VoterMeeting,
    VoterPetition,
    case_overdue_q,
    petition_overdue_q,
)


def _count(condition: Q | None = None):
    if condition is None:
        return lambda scope: Count("pk", filter=scope)
    return lambda scope: Count("pk", filter=scope & condition)


def _sum(field: str):
    return lambda scope: Sum(field, filter=scope, default=0)


def _merge(first: OwnAndBelow, second: OwnAndBelow, shape) -> OwnAndBelow:
    return OwnAndBelow(
        own=shape(first.own, second.own),
        below={level: shape(first.below[level], second.below[level]) for level in first.below},
    )


def citizen_reception(*, council: Council, year: int, today: dt.date | None = None) -> OwnAndBelow:
    """Citizen reception in ``year``; own and per level below. 3 queries.

    Each scope's dict: ``days`` (reception days dated in the year), ``citizens`` (the
    citizens received on them), ``cases`` (``total`` and per kind: ``complaint``,
    ``denunciation``, ``petition``, ``reflection``, for the cases raised on those
    days), ``answered`` (of those cases, with a reply recorded) and ``overdue`` (of
    those cases, overdue on ``today``).
    """
    today = today or timezone.localdate()
    days = aggregate_own_and_below(
        ReceptionDay.objects.in_year(year),
        council=council,
        year=year,
        measures={"days": _count(), "citizens": _sum("citizens")},
    )
    measures = {
        "total": _count(),
        **{kind: _count(Q(kind=kind)) for kind in CaseKind.values},
        "answered": _count(Q(reply_date__isnull=False)),
        "overdue": _count(case_overdue_q(today)),
    }
    cases = aggregate_own_and_below(
        ReceptionCase.objects.filter(day__date__year=year),
        council=council,
        year=year,
        measures=measures,
        council_field="day__council",
    )

    def shape(day_counts, case_counts):
        kinds = {key: case_counts[key] for key in ("total", *CaseKind.values)}
        return {
            **day_counts,
            "cases": kinds,
            "answered": case_counts["answered"],
            "overdue": case_counts["overdue"],
        }

    return _merge(days, cases, shape)


def voter_petitions(*, council: Council, year: int, today: dt.date | None = None) -> OwnAndBelow:
    """Meetings with voters in ``year`` and their petitions; own and per level below.

    Each scope's dict: ``meetings`` (dated in the year), ``voters`` (present at them),
    ``petitions`` (raised at them), ``answered`` (of those, with an answer: answered,
    being resolved or resolved), ``resolved`` and ``overdue`` (awaiting the answer past
    the deadline on ``today``). 3 queries.
    """
    today = today or timezone.localdate()
    meetings = aggregate_own_and_below(
        VoterMeeting.objects.in_year(year),
        council=council,
        year=year,
        measures={"meetings": _count(), "voters": _sum("voters")},
    )
    petitions = aggregate_own_and_below(
        VoterPetition.objects.filter(meeting__date__year=year),
        council=council,
        year=year,
        measures={
            "petitions": _count(),
            "answered": _count(Q(status__in=ANSWERED)),
            "resolved": _count(Q(status=PetitionStatus.RESOLVED)),
            "overdue": _count(petition_overdue_q(today)),
        },
        council_field="meeting__council",
    )
    return _merge(meetings, petitions, lambda first, second: {**first, **second})
