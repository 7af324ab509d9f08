"""The admin's writes of votes and roll calls take the session's lock and make the ward
page's check: what that check refuses, the admin refuses beside the field, and two
people saving at once (two secretariat users, or the admin and ward staff) end with a
roll call that fits the vote's numbers (on PostgreSQL, threads with their own
connections started together)."""

import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from councilwork.roles import Role
from councilwork.services import user_upsert
from sessions import vote_services, votes
from sessions.attendance_admin import VoteAdmin
from sessions.services import sitting_deputies
from sessions.votes import CHOICE_FIELDS, RollCallVote, Vote
from tests.admin_post import change_form_data
from tests.conftest import PASSWORD
from tests.votes_fixtures import NUMBERS, recorded_vote, vote_state, ward_council
from tests.work_factories import D, sitting

OVERFLOW_FOR = (
    "Biểu quyết ghi 1 phiếu “Tán thành” nhưng danh sách biểu quyết từng đại biểu có 2: "
    "hãy sửa số phiếu hoặc danh sách."
)
postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks and concurrent writers: PostgreSQL"
)


def _client(username, role, place=None):
    user, _created = user_upsert(username=username, role=role, council=place, password=PASSWORD)
    client = Client()
    client.force_login(user)
    return client


def _admin(vote):
    return reverse("admin:council_sessions_vote_change", args=[vote.pk])


def _fits(vote) -> bool:
    """Whether no kind of choice in the stored roll call outnumbers the vote's number."""
    vote = Vote.objects.get(pk=vote.pk)
    choices = list(vote.roll_call.values_list("choice", flat=True))
    return all(choices.count(kind) <= getattr(vote, field) for kind, field in CHOICE_FIELDS.items())


@pytest.mark.django_db
def test_the_admin_refuses_beside_the_field_what_the_locked_check_refuses(secretariat_client):
    place = ward_council("val-ward")
    session = sitting(place, 1, D(2023, 5, 10))
    first, second = sitting_deputies(session, session.start_date)[:2]
    vote = recorded_vote(session, (30, 2, 0, 0, 28), {first.pk: "for", second.pk: "for"})
    before = vote_state(vote)
    # The ward page's service refuses one "for" fewer with the roll call unchanged ...
    edited = Vote.objects.get(pk=vote.pk)
    edited.votes_for, edited.votes_against = 1, 1
    roll_call = {first.pk: "for", second.pk: "for"}
    with pytest.raises(ValidationError) as refused:
        vote_services.vote_record(session=session, vote=edited, roll_call=roll_call)
    assert refused.value.message_dict == {"votes_for": [OVERFLOW_FOR]}
    # ... and so does the admin's change form, the same words beside "votes for".
    data = change_form_data(secretariat_client.get(_admin(vote)))
    data |= {"votes_for": "1", "votes_against": "1"}
    response = secretariat_client.post(_admin(vote), data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["votes_for"] == [OVERFLOW_FOR]
    html = response.content.decode()
    field = html.split('name="votes_for"')[0].rsplit('class="form-row', 1)[1]
    assert OVERFLOW_FOR in field  # the message is in the votes-for row, above its input
    assert vote_state(vote) == before
    # The same numbers with the roll call corrected in the grid: saved, both together.
    rows = {int(data[f"roll_call-{n}-deputy"]): n for n in range(2)}
    data[f"roll_call-{rows[second.pk]}-choice"] = "against"
    assert secretariat_client.post(_admin(vote), data).status_code == 302
    expected = {first.pk: "for", second.pk: "against"}
    assert vote_state(vote) == ((30, 1, 1, 0, 28), session.start_date, expected)


@pytest.mark.django_db
def test_a_roll_call_row_added_alone_is_checked_and_rows_deleted_by_the_action(
    secretariat_client,
):
    place = ward_council("val-rows")
    session = sitting(place, 1, D(2023, 5, 10))
    first, second, third = sitting_deputies(session, session.start_date)[:3]
    vote = recorded_vote(session, (30, 2, 0, 0, 28), {first.pk: "for"})
    add = reverse("admin:council_sessions_rollcallvote_add")
    posted = {"vote": str(vote.pk), "deputy": str(second.pk), "choice": "for"}
    assert secretariat_client.post(add, posted).status_code == 302
    posted["deputy"] = str(third.pk)  # a third "for" where the vote records two
    response = secretariat_client.post(add, posted)
    assert response.status_code == 200
    (message,) = response.context["adminform"].form.errors["choice"]
    assert message.startswith("Biểu quyết ghi 2 phiếu “Tán thành”") and "có 3" in message
    assert vote_state(vote)[2] == {first.pk: "for", second.pk: "for"}
    chosen = list(RollCallVote.objects.filter(vote=vote).values_list("pk", flat=True))
    changelist = reverse("admin:council_sessions_rollcallvote_changelist")
    data = {"action": "delete_selected", "_selected_action": chosen, "post": "yes"}
    assert secretariat_client.post(changelist, data).status_code == 302
    assert vote_state(vote)[2] == {}


def _in_threads(*works) -> list:
    """Run each of ``works`` in a thread of its own, started together; their results."""
    results, barrier = [None] * len(works), threading.Barrier(len(works))

    def run(i):
        try:
            barrier.wait()
            results[i] = works[i]()
        except Exception as error:
            results[i] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(works))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def _slowed(monkeypatch, owner, name, seconds=0.4, *, first=False) -> None:
    """``owner.name`` taking ``seconds`` more: after its work, or (``first``) before it.
    Two saves started together then overlap for sure, were they not one after the other."""
    work = getattr(owner, name)

    def slow(*args, **kwargs):
        if first:
            time.sleep(seconds)
        done = work(*args, **kwargs)
        if not first:
            time.sleep(seconds)
        return done

    monkeypatch.setattr(owner, name, slow)


@postgresql
def test_the_admin_and_ward_staff_saving_at_once_keep_the_roll_call_within_the_numbers(
    transactional_db, monkeypatch
):
    # Unlocked, both would check first; the ward page would then add its "for" and the
    # admin, writing last, lower the votes for below the roll call's.
    _slowed(monkeypatch, vote_services, "roll_call_errors")
    _slowed(monkeypatch, VoteAdmin, "save_model", 0.6, first=True)
    place = ward_council("val-race")
    session = sitting(place, 1, D(2023, 5, 10))
    first, second = sitting_deputies(session, session.start_date)[:2]
    vote = recorded_vote(session, (30, 2, 0, 0, 28), {first.pk: "for"})
    secretariat = _client("val-secretariat", Role.SECRETARIAT)
    staff = _client("val-staff", Role.WARD, place)
    admin_data = change_form_data(secretariat.get(_admin(vote)))
    admin_data |= {"votes_for": "1", "not_voting": "29"}  # fits the one "for" it shows
    ward_data = dict(zip(NUMBERS, ("30", "2", "0", "0", "28"), strict=True))
    ward_data |= {"voted_on": session.start_date.isoformat(), "subject": vote.subject}
    ward_data |= {f"choice_{first.pk}": "for", f"choice_{second.pk}": "for"}  # a second "for"
    edit = reverse("council_sessions:vote-edit", args=[vote.pk])
    results = _in_threads(
        lambda: secretariat.post(_admin(vote), admin_data).status_code,
        lambda: staff.post(edit, ward_data).status_code,
    )
    assert sorted(results) in ([200, 302], [302, 302]), results
    assert _fits(vote), vote_state(vote)


@postgresql
def test_two_secretariat_users_adding_rows_at_once_keep_the_roll_call_within_the_numbers(
    transactional_db, monkeypatch
):
    _slowed(monkeypatch, votes, "roll_call_overflow")  # each row's check, in its clean()
    place = ward_council("val-rows-race")
    session = sitting(place, 1, D(2023, 5, 10))
    first, second, third = sitting_deputies(session, session.start_date)[:3]
    vote = recorded_vote(session, (30, 2, 0, 0, 28), {first.pk: "for"})  # room for one "for"
    clients = [_client(f"val-secretariat-{n}", Role.SECRETARIAT) for n in range(2)]
    add = reverse("admin:council_sessions_rollcallvote_add")
    results = _in_threads(
        *(
            lambda client=client, deputy=deputy: (
                client.post(
                    add, {"vote": str(vote.pk), "deputy": str(deputy.pk), "choice": "for"}
                ).status_code
            )
            for client, deputy in zip(clients, (second, third), strict=True)
        )
    )
    assert sorted(results) == [200, 302], results
    assert _fits(vote), vote_state(vote)
    assert len(vote_state(vote)[2]) == 2
