"""Builders shared by the tests of votes and roll calls: a ward council with its deputies,
its staff's client, an adopted resolution, a vote recorded through the service, and the
stored state of a vote read back in plain Python.

A test module takes the fixtures it needs by name, each with its own slugs:
``ward = ward_fixture("vws-ward")``, ``staff = staff_fixture("vws-staff")``.
"""

import pytest

from councilwork.models import Deputy
from councilwork.roles import Role
from councilwork.services import user_upsert
from sessions import vote_services
from sessions.models import Resolution
from sessions.votes import RollCallVote, Vote
from tests.conftest import PASSWORD, _client_for
from tests.work_factories import council, deputies

NUMBERS = ("deputies", "votes_for", "votes_against", "abstentions", "not_voting")
WARD_DEPUTIES = 30


def ward_council(slug: str, size: int = WARD_DEPUTIES):
    """A commune council ``slug`` with ``size`` deputies seated for the whole term."""
    place = council(slug)
    deputies(place, size)
    return place


def ward_fixture(slug: str, size: int = WARD_DEPUTIES):
    """A ``ward`` fixture: ``ward_council(slug, size)``."""

    @pytest.fixture(name="ward")
    def ward(db):
        return ward_council(slug, size)

    return ward


def staff_client(place, username: str):
    """A logged-in client of ward staff of ``place``."""
    user, _created = user_upsert(
        username=username, role=Role.WARD, council=place, password=PASSWORD
    )
    return _client_for(user)


def staff_fixture(username: str):
    """A ``staff`` fixture: the client of ward staff ``username`` of the ``ward`` fixture."""

    @pytest.fixture(name="staff")
    def staff(ward):
        return staff_client(ward, username)

    return staff


def adopted(session, number: int = 1) -> Resolution:
    """Resolution ``number`` of ``session``, adopted on its first day."""
    return Resolution.objects.create(
        council=session.council,
        session=session,
        number=number,
        adopted_on=session.start_date,
        title=f"Nghị quyết số {number}",
    )


def ward_vote(session) -> Vote:
    """A draft voted down at ``session``, everyone seated not voting (for the URL tables)."""
    seated = Deputy.objects.seated_on(session.council_id, session.start_date).count()
    vote, _created = Vote.objects.get_or_create(
        session=session,
        subject="Dự thảo nghị quyết không được thông qua",
        defaults={"voted_on": session.start_date, "deputies": seated, "not_voting": seated},
    )
    return vote


def recorded_vote(session, numbers, roll_call, day=None) -> Vote:
    """A draft's vote with ``numbers`` (in NUMBERS' order) and ``roll_call``, recorded
    through the ward page's service."""
    vote = Vote(session=session, subject="Dự thảo", voted_on=day or session.start_date)
    for name, value in zip(NUMBERS, numbers, strict=True):
        setattr(vote, name, value)
    return vote_services.vote_record(session=session, vote=vote, roll_call=roll_call)


def vote_state(vote):
    """(numbers, day, {deputy id: choice}) of ``vote`` as stored."""
    vote = Vote.objects.get(pk=vote.pk)
    numbers = tuple(getattr(vote, name) for name in NUMBERS)
    return numbers, vote.voted_on, dict(vote.roll_call.values_list("deputy_id", "choice"))


def record_counts() -> tuple[int, int]:
    """How many votes and roll call rows are stored."""
    return Vote.objects.count(), RollCallVote.objects.count()
