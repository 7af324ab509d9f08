"""Which records make up one year of a council tree: the year's own, and all they refer to.

Each sheet has a scope (its records of the year, for the council and its child
councils). Sheets are then walked from the last to the first, so every record a
later sheet refers to is added to its sheet before that sheet is read: the file is
complete, whatever a record points to (a pledge of a ward body, a deputy scored in
next year's campaign, a parent council above the tree). A sheet that no foreign key
reaches is read from the records already collected: the legal documents a decision
cites are those in force on its date.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from awards.models import (
    Award,
    AwardDecision,
    AwardDossier,
    AwardNominee,
    AwardPolicy,
    EligibilityRule,
    LegalDocument,
)
from campaigns.models import (
    Campaign,
    ClassificationThreshold,
    Commitment,
    Criterion,
    Pledge,
    Score,
    Scorecard,
)
from councilwork.models import Body, Council, Deputy, Membership, Person, Term, below_q
from oversight.models import OversightActivity, Recommendation
from sessions.attendance import Attendance
from sessions.models import Resolution, Session, SessionDocument
from sessions.votes import RollCallVote, Vote
from voters.models import ReceptionCase, ReceptionDay, VoterMeeting, VoterPetition

from .spec import SHEETS, Sheet
from .values import USERNAME


@dataclass(frozen=True)
class Scope:
    """A council, every council below it (as the year's figures count them) and a year."""

    council: Council
    year: int

    @property
    def councils(self) -> QuerySet:
        return Council.objects.filter(Q(pk=self.council.pk) | below_q(self.council))

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, 1, 1)

    @property
    def last_day(self) -> dt.date:
        return dt.date(self.year, 12, 31)

    def during(self, start: str, end: str) -> Q:
        """Rows whose [start, end] dates (either may be empty: open) overlap the year."""
        return (Q(**{f"{start}__isnull": True}) | Q(**{f"{start}__lte": self.last_day})) & (
            Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": self.first_day})
        )


def _deputies(s: Scope) -> QuerySet:
    return Deputy.objects.filter(
        s.during("term__start_date", "term__end_date"),
        s.during("term__start_date", "ended_on"),
        term__council__in=s.councils,
    )


def _activities(s: Scope) -> QuerySet:
    return OversightActivity.objects.in_year(s.year).filter(council__in=s.councils)


def _campaigns(s: Scope) -> QuerySet:
    # Next year's campaign too: the pledges signed for it are part of the year's summary.
    return Campaign.objects.filter(council__in=s.councils, year__in=(s.year, s.year + 1))


def _votes(s: Scope) -> QuerySet:
    return Vote.objects.in_year(s.year).filter(session__council__in=s.councils)


def _reception_days(s: Scope) -> QuerySet:
    return ReceptionDay.objects.in_year(s.year).filter(council__in=s.councils)


def _voter_meetings(s: Scope) -> QuerySet:
    return VoterMeeting.objects.in_year(s.year).filter(council__in=s.councils)


def _decisions(s: Scope) -> QuerySet:
    return AwardDecision.objects.filter(council__in=s.councils, year=s.year)


def _dossiers(s: Scope) -> QuerySet:
    """The year's dossiers, and those the year's decisions were issued from."""
    return AwardDossier.objects.filter(
        Q(council__in=s.councils, year=s.year) | Q(pk__in=_decisions(s).values("dossier"))
    )


def _cited(found: dict[str, dict[int, object]]) -> QuerySet:
    """The legal documents in force on the date of a collected decision (its căn cứ)."""
    days = {decision.decision_date for decision in found["award_decisions"].values()}
    if not days:
        return LegalDocument.objects.none()
    in_force = Q()
    for day in sorted(days):
        until = Q(in_force_until__isnull=True) | Q(in_force_until__gte=day)
        in_force |= Q(in_force_from__lte=day) & until
    return LegalDocument.objects.filter(in_force)


SCOPES = {
    "councils": lambda s: s.councils,
    "terms": lambda s: Term.objects.filter(
        s.during("start_date", "end_date"), council__in=s.councils
    ),
    "bodies": lambda s: Body.objects.filter(
        s.during("established_on", "dissolved_on"), council__in=s.councils
    ),
    "people": lambda s: Person.objects.none(),  # only those a deputy or an award names
    "deputies": _deputies,
    "memberships": lambda s: Membership.objects.filter(
        s.during("start_date", "end_date"), deputy__in=_deputies(s)
    ),
    "sessions": lambda s: Session.objects.in_year(s.year).filter(council__in=s.councils),
    "resolutions": lambda s: Resolution.objects.in_year(s.year).filter(council__in=s.councils),
    "session_documents": lambda s: SessionDocument.objects.filter(
        session__in=Session.objects.in_year(s.year).filter(council__in=s.councils)
    ),
    # As the year's figures count them: sessions by their opening, votes by their day.
    "attendance": lambda s: Attendance.objects.in_year(s.year).filter(
        session__council__in=s.councils
    ),
    "votes": _votes,
    "roll_call_votes": lambda s: RollCallVote.objects.filter(vote__in=_votes(s)),
    "reception_days": _reception_days,
    "reception_cases": lambda s: ReceptionCase.objects.filter(day__in=_reception_days(s)),
    "voter_meetings": _voter_meetings,
    "voter_petitions": lambda s: VoterPetition.objects.filter(meeting__in=_voter_meetings(s)),
    "oversight_activities": _activities,
    "recommendations": lambda s: Recommendation.objects.filter(activity__in=_activities(s)),
    # The award kinds' rules are few and not per council: every file carries them all.
    "award_policies": lambda s: AwardPolicy.objects.all(),
    "eligibility_rules": lambda s: EligibilityRule.objects.all(),
    "award_dossiers": _dossiers,
    "award_nominees": lambda s: AwardNominee.objects.filter(dossier__in=_dossiers(s)),
    "award_decisions": _decisions,
    "awards": lambda s: Award.objects.filter(
        decision__council__in=s.councils, decision__year=s.year
    ),
    "campaigns": _campaigns,
    "criteria": lambda s: Criterion.objects.filter(campaign__in=_campaigns(s)),
    "classification_thresholds": lambda s: ClassificationThreshold.objects.filter(
        campaign__in=_campaigns(s)
    ),
    "scorecards": lambda s: Scorecard.objects.filter(campaign__in=_campaigns(s)),
    "scores": lambda s: Score.objects.filter(scorecard__campaign__in=_campaigns(s)),
    "pledges": lambda s: Pledge.objects.filter(campaign__in=_campaigns(s)),
    "commitments": lambda s: Commitment.objects.filter(pledge__campaign__in=_campaigns(s)),
}
# Read from the records of the later sheets, already collected (see collect).
FROM_COLLECTED = {"legal_documents": _cited}


def collect(scope: Scope) -> dict[str, dict[int, object]]:
    """Per sheet name, the records to export by primary key (a few queries per sheet)."""
    wanted: dict[str, set[int]] = {sheet.name: set() for sheet in SHEETS}
    found: dict[str, dict[int, object]] = {}
    for sheet in reversed(SHEETS):
        if sheet.name in FROM_COLLECTED:
            scoped = FROM_COLLECTED[sheet.name](found)
        else:
            scoped = SCOPES[sheet.name](scope)
        records = _read(sheet, scoped, wanted[sheet.name])
        found[sheet.name] = records
        for ref in sheet.refs:
            wanted[ref.sheet] |= _targets(records.values(), ref.field)
        for column in sheet.lists:  # the deputies present
            wanted["deputies"] |= {d.pk for r in records.values() for d in getattr(r, column).all()}
    return found


def _read(sheet: Sheet, scoped: QuerySet, extra: set[int]) -> dict[int, object]:
    """The scoped records and the ``extra`` ones; for councils, also those they point to."""
    users = [c for c in sheet.fields if sheet.kind(c) == USERNAME]
    query = Q(pk__in=scoped.values("pk")) | Q(pk__in=extra)
    records: dict[int, object] = {}
    while True:
        batch = (
            sheet.model.objects.filter(query)
            .exclude(pk__in=list(records))
            .select_related(*users)
            .prefetch_related(*(f"{column}__person" for column in sheet.lists))
        )
        records.update((record.pk, record) for record in batch)
        # A council's parent and successor are councils too: follow them until none is new.
        inside = [ref for ref in sheet.refs if ref.sheet == sheet.name]
        missing = set().union(*(_targets(records.values(), r.field) for r in inside)) - set(records)
        if not missing:
            return records
        query = Q(pk__in=missing)


def _targets(records, field: str) -> set[int]:
    return {pk for record in records if (pk := getattr(record, f"{field}_id")) is not None}
