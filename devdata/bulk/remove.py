"""Deleting a previous run's bulk data: every council coded "bulk-…" and its records.

Foreign keys PROTECT the records, so they go children first, model by model, each
row with a "-" history row (see ``BulkWriter.delete``). History rows of the deleted
records stay: they are the audit trail.
"""

from django.db.models import Q

from awards.models import Award, AwardDecision
from campaigns.models import (
    Campaign,
    ClassificationThreshold,
    Commitment,
    Criterion,
    Evidence,
    Pledge,
    Score,
    Scorecard,
    ScorecardEvent,
)
from councilwork.models import (
    Body,
    Council,
    Deputy,
    FiguresVersion,
    Membership,
    Person,
    Term,
    User,
)
from oversight.models import OversightActivity, Recommendation
from sessions.attendance import Attendance
from sessions.models import Resolution, Session
from sessions.votes import RollCallVote, Vote
from voters.models import ReceptionCase, ReceptionDay, VoterMeeting, VoterPetition

from .plan import PREFIX

REASON = "seed_bulk --replace"
CHUNK = 5000  # ids per IN (...) list, well under SQLite's limit on parameters


def bulk_councils():
    return Council.objects.filter(slug__startswith=PREFIX)


def users_bound_to_bulk() -> list[str]:
    """Logins bound to a bulk council: deleting it would leave them without one."""
    return list(
        User.objects.filter(council__in=bulk_councils())
        .order_by("username")
        .values_list("username", flat=True)
    )


def _scopes(c) -> list[tuple[type, Q]]:
    """(model, rows that belong to the bulk councils ``c``), children before parents."""
    scorecards = (
        Q(campaign__council__in=c)
        | Q(subject_council__in=c)
        | Q(subject_body__council__in=c)
        | Q(subject_deputy__term__council__in=c)
    )
    pledges = Q(campaign__council__in=c) | Q(body__council__in=c)
    cards = Scorecard.objects.filter(scorecards)
    awards = Q(decision__council__in=c) | Q(recipient_council__in=c)
    return [
        (Commitment, Q(pledge__in=Pledge.objects.filter(pledges))),
        (Pledge, pledges),
        (Award, awards | Q(recipient_body__council__in=c)),
        (AwardDecision, Q(council__in=c)),
        (ScorecardEvent, Q(scorecard__in=cards)),
        (Evidence, Q(scorecard__in=cards)),
        (Score, Q(scorecard__in=cards) | Q(criterion__campaign__council__in=c)),
        (Scorecard, scorecards),
        (ClassificationThreshold, Q(campaign__council__in=c)),
        (Criterion, Q(campaign__council__in=c)),
        (Campaign, Q(council__in=c)),
        (VoterPetition, Q(meeting__council__in=c)),
        (VoterMeeting, Q(council__in=c) | Q(session__council__in=c)),
        (ReceptionCase, Q(day__council__in=c)),
        (ReceptionDay, Q(council__in=c) | Q(body__council__in=c)),
        (RollCallVote, Q(vote__session__council__in=c) | Q(deputy__term__council__in=c)),
        (Vote, Q(session__council__in=c) | Q(resolution__session__council__in=c)),
        (Attendance, Q(session__council__in=c) | Q(deputy__term__council__in=c)),
        (Recommendation, Q(activity__council__in=c)),
        (OversightActivity, Q(council__in=c) | Q(conducted_by__council__in=c)),
        (Resolution, Q(council__in=c) | Q(session__council__in=c)),
        (Session, Q(council__in=c) | Q(term__council__in=c)),
        (Membership, Q(deputy__term__council__in=c) | Q(body__council__in=c)),
        (Deputy, Q(term__council__in=c)),
        (Body, Q(council__in=c)),
        (Term, Q(council__in=c)),
    ]


def _record_in(model, councils) -> Q:
    return Q(**{f"{model._meta.model_name}__council__in": councils})


def remove_bulk(writer) -> int:
    """Delete every bulk council and its records (call inside a transaction)."""
    councils = bulk_councils()
    # People seated only in bulk councils; known before their seats go.
    people = list(
        Person.objects.filter(mandates__term__council__in=councils)
        .order_by("pk")
        .values_list("pk", flat=True)
        .distinct()
    )
    deleted = 0
    # Who was present at reception days and meetings (no history: see work.py).
    for model in (ReceptionDay, VoterMeeting):
        present = model.deputies.through.objects
        # figures: the deputies present are no figure; their records go next.
        present.filter(Q(deputy__term__council__in=councils) | _record_in(model, councils)).delete()
    for model, scope in _scopes(councils):
        deleted += writer.delete(model, model._default_manager.filter(scope), REASON)
    still_used = Q(mandates__isnull=False) | Q(awards__isnull=False)
    for start in range(0, len(people), CHUNK):
        leftover = Person.objects.filter(pk__in=people[start : start + CHUNK]).exclude(still_used)
        deleted += writer.delete(Person, leftover, REASON)
    # The councils' figures versions go with them (the bulk delete cascades nothing).
    FiguresVersion.objects.filter(council__in=councils).delete()
    # Wards before their provinces (Council.parent protects the parent).
    deleted += writer.delete(Council, councils.filter(parent__in=councils), REASON)
    deleted += writer.delete(Council, bulk_councils(), REASON)
    return deleted
