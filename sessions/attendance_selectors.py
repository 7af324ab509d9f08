"""Reads over deputies' attendance and the votes on resolutions, for a council's year.

Attendance is counted in sessions, not days: one "place" per session of the year and
deputy seated on its opening day (councilwork.models.seated_q). A session belongs to
the year it opened (its start date), as the session figures do. What the deputy did
there is decided by their rows (sessions.attendance): attended if present in person
or online on at least one of its days; else absent with leave if any day was excused;
else absent without leave. A place with no row yet is "not recorded".

Votes belong to the year they were taken (``voted_on``; a resolution's vote is taken
on the day it is adopted, so it counts in the same year as the resolution).
"""

from django.db.models import Count, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from councilwork.access import recordable
from councilwork.admin_counts import count_of
from councilwork.collation import vi_key
from councilwork.models import Council, Deputy, seated_q
from councilwork.selectors import OwnAndBelow, aggregate_own_and_below, count_own_and_below

from .attendance import Attendance, Outcome
from .models import Resolution, Session
from .votes import Vote, VoteOutcome

PLACES = ("expected", "attended", "excused", "absent", "not_recorded")

# What the session lists of the ward pages count per session: name -> (model, its field).
SESSION_COUNTS = {
    "recorded": (Attendance, "session"),  # attendance rows
    "adopted": (Resolution, "session"),  # resolutions adopted
    "votes_recorded": (Vote, "session"),
}


def recordable_sessions(user):
    """The sessions ``user`` may record attendance and votes for (councilwork.access.recordable):
    ward staff their council's, the secretariat every one; a leader 403."""
    return recordable(Session.objects.select_related("council", "term"), user)


def council_sessions(user, council: Council, *counts: str):
    """``council``'s sessions that ``user`` may record, newest first, each with the counts
    named (keys of SESSION_COUNTS), computed only for the rows of the page shown."""
    annotations = {name: count_of(*SESSION_COUNTS[name]) for name in counts}
    return (
        recordable_sessions(user)
        .filter(council=council)
        .annotate(**annotations)
        .order_by("-start_date", "-number")
    )


def rate(part: int, whole: int) -> float | None:
    """``part`` of ``whole`` in percent, one decimal; None when there is no whole."""
    return round(100 * part / whole, 1) if whole else None


def _expected_places(year: int, **deputy):
    """One row per (session of ``year``, deputy seated on its opening day).

    ``deputy`` narrows the deputies, in the same filter() so that it is the same join.
    """
    return Session.objects.in_year(year).filter(
        seated_q(F("start_date"), "term__deputies__", term=False),
        term__deputies__isnull=False,
        **{f"term__deputies__{lookup}": value for lookup, value in deputy.items()},
    )


def attendance_rate_by_council(*, councils, year: int) -> dict[int, float | None]:
    """Per council id: attended of the places expected at the sessions of ``year``, in
    percent with one decimal (``rate``), as attendance_counts counts them. 2 queries."""
    expected = dict(
        _expected_places(year)
        .filter(council__in=councils)
        .values_list("council")
        .annotate(n=Count("pk"))
        .order_by()
    )
    attended = dict(
        Attendance.objects.in_year(year)
        .deciding()
        .filter(session__council__in=councils, outcome=Outcome.ATTENDED)
        .values_list("session__council")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {pk: rate(attended.get(pk, 0), places) for pk, places in expected.items()}


def absent_all_year_deputies(year: int):
    """Deputies expected at a session of ``year`` and absent without leave from every one."""
    expected = (
        _expected_places(year, pk=OuterRef("pk"))
        .order_by()
        .values("term__deputies")
        .annotate(n=Count("pk"))
        .values("n")
    )
    absent = (
        Attendance.objects.in_year(year)
        .deciding()
        .filter(deputy=OuterRef("pk"), outcome=Outcome.ABSENT)
        .order_by()
        .values("deputy")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        Deputy.objects.annotate(
            places=Coalesce(Subquery(expected), 0), absences=Coalesce(Subquery(absent), 0)
        )
        .filter(places__gt=0, absences=F("places"))
        .order_by()
    )


def attendance_counts(*, council: Council, year: int) -> OwnAndBelow:
    """Attendance at the sessions that opened in ``year``; own and per level below.

    Each scope's dict: ``expected`` (places: sessions × deputies seated on the opening
    day), ``attended``, ``excused`` (absent with leave), ``absent`` (absent without
    leave), ``not_recorded`` (expected places with no attendance row), ``rate``
    (attended / expected in percent, one decimal; None without places) and
    ``absent_all_year`` (deputies expected at one session or more and absent without
    leave from every one: the law's ground for dismissal proceedings). Four queries
    (three, and the levels below, shared with the other figures).
    """
    expected = count_own_and_below(_expected_places(year), council=council, year=year)
    decided = count_own_and_below(
        Attendance.objects.in_year(year).deciding(),
        council=council,
        year=year,
        council_field="session__council",
        kind_field="outcome",
        kinds=Outcome.values,
    )
    absent_all_year = count_own_and_below(
        absent_all_year_deputies(year), council=council, year=year, council_field="term__council"
    )

    def scope(places, outcomes, deputies) -> dict:
        row = {
            "expected": places["total"],
            "attended": outcomes[Outcome.ATTENDED],
            "excused": outcomes[Outcome.EXCUSED],
            "absent": outcomes[Outcome.ABSENT],
        }
        row["not_recorded"] = row["expected"] - outcomes["total"]
        row["rate"] = rate(row["attended"], row["expected"])
        row["absent_all_year"] = deputies["total"]
        return row

    return OwnAndBelow(
        own=scope(expected.own, decided.own, absent_all_year.own),
        below={
            level: scope(expected.below[level], decided.below[level], absent_all_year.below[level])
            for level in expected.below
        },
    )


def deputy_attendance(*, council: Council, year: int) -> list[dict]:
    """Per deputy of ``council`` expected at a session that opened in ``year``. 2 queries.

    Each row: ``deputy`` (id), ``name``, ``expected``, ``attended``, ``excused``,
    ``absent``, ``not_recorded``, ``rate`` (attended / expected, percent) and
    ``absent_all_year`` (absent without leave from every session expected); sorted by
    name as Vietnamese sorts.
    """
    at_session = seated_q(F("term__sessions__start_date"), term=False)
    deputies = (
        Deputy.objects.filter(term__council=council)
        .annotate(
            expected=Count(
                "term__sessions", filter=Q(term__sessions__start_date__year=year) & at_session
            )
        )
        .filter(expected__gt=0)
        .values("pk", "person__full_name", "expected")
    )
    outcomes = {
        row.pop("deputy"): row
        for row in Attendance.objects.in_year(year)
        .deciding()
        .filter(session__council=council)
        .values("deputy")
        .annotate(**{o: Count("pk", filter=Q(outcome=o)) for o in Outcome.values})
        .order_by()
    }
    rows = []
    for deputy in deputies:
        found = outcomes.get(deputy["pk"], dict.fromkeys(Outcome.values, 0))
        row = {
            "deputy": deputy["pk"],
            "name": deputy["person__full_name"],
            "expected": deputy["expected"],
            "attended": found[Outcome.ATTENDED],
            "excused": found[Outcome.EXCUSED],
            "absent": found[Outcome.ABSENT],
        }
        row["not_recorded"] = row["expected"] - row["attended"] - row["excused"] - row["absent"]
        row["rate"] = rate(row["attended"], row["expected"])
        row["absent_all_year"] = row["absent"] == row["expected"]
        rows.append(row)
    return sorted(rows, key=lambda row: vi_key(row["name"]))


def absent_all_year(*, council: Council, year: int) -> list[dict]:
    """The deputies of ``council`` absent without leave from every session of ``year``.

    The rows of ``deputy_attendance`` that say so: the list the standing committee
    reads before dismissal proceedings. 2 queries.
    """
    return [row for row in deputy_attendance(council=council, year=year) if row["absent_all_year"]]


def vote_counts(*, council: Council, year: int) -> OwnAndBelow:
    """Votes taken in ``year`` at the council's sessions; own and per level below. 1 query.

    Each scope's dict: ``total`` (votes recorded), ``resolutions`` (votes that adopted
    a resolution), ``passed`` and ``failed`` (by sessions.votes.votes_needed: more than
    half of all the council's deputies, or two thirds where the vote needs them).
    """
    measures = {
        "total": lambda scope: Count("pk", filter=scope),
        "resolutions": lambda scope: Count("pk", filter=scope & Q(resolution__isnull=False)),
    }
    for outcome in VoteOutcome.values:
        measures[outcome] = lambda scope, o=outcome: Count("pk", filter=scope & Q(outcome=o))
    return aggregate_own_and_below(
        Vote.objects.in_year(year).with_outcome(),
        council=council,
        year=year,
        measures=measures,
        council_field="session__council",
    )
