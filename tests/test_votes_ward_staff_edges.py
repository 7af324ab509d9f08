"""Ward staff's vote pages on the edge: two votes saved at the same moment, and a
resolution dated off its session (tests/test_votes_ward_staff.py holds the rest)."""

import re

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sessions import vote_services
from sessions.models import Resolution, Vote
from tests.votes_fixtures import adopted as _adopted
from tests.votes_fixtures import record_counts as _counts
from tests.votes_fixtures import staff_fixture, ward_fixture
from tests.work_factories import D, sitting

pytestmark = pytest.mark.django_db
ward = ward_fixture("vws-ward")
staff = staff_fixture("vws-staff")


def test_a_vote_saved_by_someone_else_at_the_same_moment_is_a_message(ward, monkeypatch):
    """Two new votes for one resolution at once: the checks of both pass before either
    is written, and the database refuses the second. A message, not a 500; nothing saved;
    the session's row is locked first (FOR UPDATE, on PostgreSQL), so the two are checked
    one after the other."""
    session = sitting(ward, 1, D(2023, 5, 10))
    resolution = _adopted(session)
    Vote.objects.create(
        session=session,
        resolution=resolution,
        voted_on=session.start_date,
        deputies=30,
        votes_for=20,
        not_voting=10,
    )  # the other person's, committed after this request's checks (made blind to it)
    before = _counts()
    monkeypatch.setattr(Vote, "validate_unique", lambda self, exclude=None: None)
    vote = Vote(resolution=resolution, voted_on=session.start_date, deputies=30)
    vote.votes_for, vote.not_voting = 18, 12
    with CaptureQueriesContext(connection) as queries, pytest.raises(ValidationError) as refused:
        vote_services.vote_record(session=session, vote=vote, roll_call={})
    assert refused.value.message_dict == {
        NON_FIELD_ERRORS: [
            "Một biểu quyết khác của kỳ họp này vừa được ghi cùng lúc. Hãy tải lại trang."
        ]
    }
    assert vote.pk is None and vote._state.adding  # the form may be posted again
    assert _counts() == before
    if connection.vendor == "postgresql":
        assert "FOR UPDATE" in queries.captured_queries[1]["sql"]


def test_the_link_to_record_a_vote_opens_even_when_the_resolution_is_dated_off_the_session(
    ward, staff
):
    """A resolution dated outside its session's days (written around the admin): its
    "record the vote" link opens the form on the session's first day, not a 404."""
    session = sitting(ward, 1, D(2023, 5, 10))
    resolution = _adopted(session)
    Resolution.objects.filter(pk=resolution.pk).update(adopted_on=D(2023, 6, 1))  # figures: a test
    page = staff.get(reverse("council_sessions:vote-session", args=[session.pk]))
    html = page.content.decode().replace("&amp;", "&")
    links = re.findall(rf'href="([^"]*/add/\?resolution={resolution.pk}[^"]*)"', html)
    assert len(links) == 1 and "day=" not in links[0]
    opened = staff.get(links[0])
    assert opened.status_code == 200
    assert opened.context["day"] == session.start_date
