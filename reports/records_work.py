"""The read-only lists behind the deputies' work figures (the drill-down, continued).

Each selects what its figure counts, with the same selectors' rules (reports.figures):
votes taken at the year's sessions, reception days and their cases, meetings with
voters and their petitions, the recommendations of the year's activities, attendance
at the year's sessions. "Overdue" is on today. No citizen's name, address or contact
is ever a column here: these lists are read by leaders.
"""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy

from oversight.models import Recommendation, RecommendationStatus, overdue_q
from sessions.attendance import Attendance, Outcome
from sessions.votes import Vote, VoteOutcome
from voters.models import (
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

from .records import Choice, Dataset, _scoped

ANSWERED_KIND, OVERDUE, RESOLVED, DONE = "answered", "overdue", "resolved", "done"


def _filtered(qs, choice: Choice, filters: dict):
    """``qs`` narrowed by the list's kind: one of ``filters`` (kind -> Q), else none."""
    if not choice.kind:
        return qs
    condition = filters.get(choice.kind)
    return qs.filter(condition) if condition is not None else qs.none()


def _attendance(council, year, choice):
    qs = _scoped(Attendance.objects.in_year(year).deciding(), council, year, choice,
                 "session__council")  # fmt: skip
    qs = _filtered(qs, choice, {o: Q(outcome=o) for o in Outcome.values})
    return qs.select_related("session__council", "deputy__person").order_by(
        "session__start_date", "session_id", "deputy__person__full_name", "pk"
    )


def _votes(council, year, choice):
    qs = _scoped(Vote.objects.in_year(year).with_outcome(), council, year, choice,
                 "session__council")  # fmt: skip
    qs = _filtered(qs, choice, {o: Q(outcome=o) for o in VoteOutcome.values})
    return qs.select_related("session__council", "resolution").order_by("voted_on", "pk")


def _reception_days(council, year, choice):
    qs = _scoped(ReceptionDay.objects.in_year(year), council, year, choice)
    return qs.select_related("council").order_by("date", "pk")


def _cases(council, year, choice):
    today = timezone.localdate()
    qs = _scoped(ReceptionCase.objects.filter(day__date__year=year), council, year, choice,
                 "day__council")  # fmt: skip
    filters = {k: Q(kind=k) for k in CaseKind.values}
    # figures: a dict of filters, no write of records.
    filters.update({ANSWERED_KIND: Q(reply_date__isnull=False), OVERDUE: case_overdue_q(today)})
    qs = _filtered(qs, choice, filters)
    return qs.select_related("day__council").order_by("day__date", "pk")


def _meetings(council, year, choice):
    qs = _scoped(VoterMeeting.objects.in_year(year), council, year, choice)
    return qs.select_related("council").order_by("date", "pk")


def _petitions(council, year, choice):
    today = timezone.localdate()
    qs = _scoped(VoterPetition.objects.filter(meeting__date__year=year), council, year, choice,
                 "meeting__council")  # fmt: skip
    qs = _filtered(qs, choice, {
        ANSWERED_KIND: Q(status__in=ANSWERED),
        RESOLVED: Q(status=PetitionStatus.RESOLVED),
        OVERDUE: petition_overdue_q(today),
    })  # fmt: skip
    return qs.select_related("meeting__council").order_by("meeting__date", "pk")


def _recommendations(council, year, choice):
    today = timezone.localdate()
    qs = _scoped(Recommendation.objects.made_in(year), council, year, choice, "activity__council")
    qs = _filtered(qs, choice, {
        DONE: Q(status=RecommendationStatus.DONE), OVERDUE: overdue_q(today),
    })  # fmt: skip
    return qs.select_related("activity__council").order_by("activity__start_date", "pk")


L = gettext_lazy
COUNCIL = L("Council")

WORK_DATASETS = {
    "attendance": Dataset(
        L("Attendance"),
        [COUNCIL, L("Session"), L("Deputy"), L("Attendance")],
        _attendance,
        lambda a: [
            a.session.council.short_name,
            a.session.number,
            a.deputy.person.full_name,
            a.get_status_display(),
        ],
        dict(Outcome.choices),
    ),
    "votes": Dataset(
        L("Votes"),
        [COUNCIL, L("Voted on"), L("Resolution"), L("For"), L("Against"), L("Result")],
        _votes,
        lambda v: [
            v.session.council.short_name,
            v.voted_on,
            v.resolution.code if v.resolution else v.subject,
            v.votes_for,
            v.votes_against,
            VoteOutcome(v.outcome).label,
        ],
        dict(VoteOutcome.choices),
    ),
    "reception_days": Dataset(
        L("Citizen reception days"),
        [COUNCIL, L("Date"), L("Place"), L("Citizens received")],
        _reception_days,
        lambda d: [d.council.short_name, d.date, d.place, d.citizens],
        {},
    ),
    "cases": Dataset(
        L("Citizens' cases"),
        [COUNCIL, L("Date"), L("Kind"), L("Field"), L("Forwarded to"), L("Deadline"), L("Status")],
        _cases,
        # Never the citizen's name, address or contact (voters.models.CITIZEN_FIELDS).
        lambda c: [
            c.day.council.short_name,
            c.day.date,
            c.get_kind_display(),
            c.field,
            c.forwarded_to,
            c.deadline or "",
            c.get_status_display(),
        ],
        {**dict(CaseKind.choices), ANSWERED_KIND: L("Answered"), OVERDUE: L("Overdue")},
    ),
    "voter_meetings": Dataset(
        L("Meetings with voters"),
        [COUNCIL, L("Date"), L("Place"), L("Voters present")],
        _meetings,
        lambda m: [m.council.short_name, m.date, m.place, m.voters],
        {},
    ),
    "petitions": Dataset(
        L("Voters' petitions"),
        [COUNCIL, L("Meeting"), L("Field"), L("Content"), L("Addressed to"), L("Status")],
        _petitions,
        lambda p: [
            p.meeting.council.short_name,
            p.meeting.date,
            p.field,
            p.content,
            p.agency,
            p.get_status_display(),
        ],
        {ANSWERED_KIND: L("Answered"), RESOLVED: L("Resolved"), OVERDUE: L("Overdue")},
    ),
    "recommendations": Dataset(
        L("Recommendations"),
        [
            COUNCIL,
            L("Activity"),
            L("Content"),
            L("Responsible agency"),
            L("Deadline"),
            L("Status"),
        ],
        _recommendations,
        lambda r: [
            r.activity.council.short_name,
            r.activity.title,
            r.content,
            r.responsible_agency,
            r.deadline or "",
            r.get_status_display(),
        ],
        {DONE: L("Done"), OVERDUE: L("Overdue")},
    ),
}
