"""Editing a vote never deletes a deputy's recorded vote unasked, and the admin checks the
new numbers against the new roll call: on the ward's page, through the service and in
the admin's change form with its roll call grid. Each refusal names the deputies beside
the form and leaves the vote and every row as they were."""

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.urls import reverse

from councilwork.models import Deputy
from sessions import vote_services
from sessions.services import sitting_deputies
from sessions.votes import RollCallVote, Vote
from tests.admin_post import change_form_data
from tests.votes_fixtures import NUMBERS, recorded_vote, staff_fixture, vote_state, ward_fixture
from tests.work_factories import D, sitting

pytestmark = pytest.mark.django_db
UNSEATED = "người không phải là đại biểu HĐND vào ngày biểu quyết"
EARLY = D(2023, 5, 1)  # a seat ended before the votes
NOTHING_SAVED = "Phiếu không bị xóa khi chưa được yêu cầu nên chưa có gì được lưu"


ward = ward_fixture("vre-ward")
staff = staff_fixture("vre-staff")
_vote, _state = recorded_vote, vote_state


def _end_seats(*seats, on=EARLY):
    Deputy.objects.filter(pk__in=[deputy.pk for deputy in seats]).update(ended_on=on)


def _ward_post(vote, numbers, choices, day=None):
    data = dict(zip(NUMBERS, (str(n) for n in numbers), strict=True))
    data |= {"voted_on": (day or vote.voted_on).isoformat(), "subject": vote.subject}
    data |= {f"choice_{pk}": choice for pk, choice in choices.items()}
    return data


def _edit(vote):
    return reverse("council_sessions:vote-edit", args=[vote.pk])


def _admin(vote):
    return reverse("admin:council_sessions_vote_change", args=[vote.pk])


def _rows(data) -> dict[int, int]:
    """{deputy id: the inline row's index} of an admin change form's posted data."""
    total = int(data["roll_call-TOTAL_FORMS"])
    return {int(data[f"roll_call-{n}-deputy"]): n for n in range(total)}


def _admin_errors(response) -> list[str]:
    formset = response.context["inline_admin_formsets"][0].formset
    form = response.context["adminform"].form
    return [str(e) for e in [*formset.non_form_errors(), *form.non_field_errors()]]


def test_the_ward_page_refuses_an_edit_that_would_drop_unseated_deputies(ward, staff):
    session = sitting(ward, 1, D(2023, 5, 10))
    seated = sitting_deputies(session, session.start_date)
    first, second, third = seated[:3]
    roll_call = {first.pk: "for", second.pk: "against", third.pk: "for"}
    vote = _vote(session, (30, 20, 5, 0, 5), roll_call)
    _end_seats(first, third)  # their seats end before the vote, after it was recorded
    before = _state(vote)
    grid = sitting_deputies(session, session.start_date)
    assert first not in grid and third not in grid
    choices = {deputy.pk: "" for deputy in grid} | {second.pk: "abstain"}
    response = staff.post(_edit(vote), _ward_post(vote, (30, 20, 4, 1, 5), choices))
    assert response.status_code == 200
    (message,) = response.context["form"].non_field_errors()
    names = sorted([first.person.full_name, third.person.full_name])
    assert f"của 2 {UNSEATED}: {names[0]}, {names[1]}." in message and NOTHING_SAVED in message
    assert message in response.content.decode()
    assert _state(vote) == before
    # Their seats put back: the edit saves, and their votes are kept as they were.
    Deputy.objects.filter(pk__in=[first.pk, third.pk]).update(ended_on=None)
    choices = {deputy.pk: roll_call.get(deputy.pk, "") for deputy in grid} | {second.pk: "abstain"}
    choices |= {first.pk: "for", third.pk: "for"}
    assert staff.post(_edit(vote), _ward_post(vote, (30, 20, 4, 1, 5), choices)).status_code == 302
    expected = {first.pk: "for", second.pk: "abstain", third.pk: "for"}
    assert _state(vote) == ((30, 20, 4, 1, 5), session.start_date, expected)


def test_moving_a_vote_to_a_day_a_deputy_was_not_seated_is_refused(ward, staff):
    session = sitting(ward, 1, D(2023, 5, 10), D(2023, 5, 11))
    first, second = sitting_deputies(session, session.start_date)[:2]
    vote = _vote(session, (30, 1, 1, 0, 28), {first.pk: "for", second.pk: "against"})
    _end_seats(first, on=session.start_date)  # seated on the first day only
    before = _state(vote)
    day = D(2023, 5, 11)
    choices = {second.pk: "against"}
    response = staff.post(_edit(vote), _ward_post(vote, (29, 1, 1, 0, 27), choices, day=day))
    assert response.status_code == 200
    (message,) = response.context["form"].non_field_errors()
    assert f"của 1 {UNSEATED}: {first.person.full_name}." in message
    assert _state(vote) == before


def test_the_service_keeps_rows_left_out_and_deletes_only_those_cleared(ward):
    session = sitting(ward, 1, D(2023, 5, 10))
    first, second = sitting_deputies(session, session.start_date)[:2]
    vote = _vote(session, (30, 1, 1, 0, 28), {first.pk: "for", second.pk: "against"})
    before = _state(vote)
    vote.not_voting, vote.abstentions = 27, 1
    with pytest.raises(ValidationError) as refused:
        vote_services.vote_record(session=session, vote=vote, roll_call={first.pk: "for"})
    (message,) = refused.value.message_dict[NON_FIELD_ERRORS]
    assert message.startswith(
        f"Danh sách biểu quyết từng đại biểu có phiếu của 1 đại biểu không có trong danh "
        f"sách được gửi: {second.person.full_name}."
    )
    assert _state(vote) == before
    # Cleared on purpose (""): that row goes.
    vote = Vote.objects.get(pk=vote.pk)
    vote_services.vote_record(
        session=session, vote=vote, roll_call={first.pk: "for", second.pk: ""}
    )
    assert _state(vote)[2] == {first.pk: "for"}


def test_the_admin_refuses_a_save_while_the_roll_call_holds_unseated_deputies(
    ward, secretariat_client
):
    session = sitting(ward, 1, D(2023, 5, 10))
    first, second, third = sitting_deputies(session, session.start_date)[:3]
    roll_call = {first.pk: "for", second.pk: "against", third.pk: "for"}
    vote = _vote(session, (30, 20, 5, 0, 5), roll_call)
    _end_seats(first, third)
    before = _state(vote)
    data = change_form_data(secretariat_client.get(_admin(vote)))
    data |= {"votes_against": "4", "abstentions": "1"}
    response = secretariat_client.post(_admin(vote), data)
    assert response.status_code == 200
    names = sorted([first.person.full_name, third.person.full_name])
    errors = _admin_errors(response)
    (message,) = [e for e in errors if f"của 2 {UNSEATED}: {names[0]}, {names[1]}." in e]
    assert message in response.content.decode()
    assert _state(vote) == before
    # Deleted on purpose (the grid's Delete box): the save goes through.
    rows = _rows(data)
    data |= {f"roll_call-{rows[pk]}-DELETE": "on" for pk in (first.pk, third.pk)}
    assert secretariat_client.post(_admin(vote), data).status_code == 302
    assert _state(vote) == ((30, 20, 4, 1, 5), session.start_date, {second.pk: "against"})


def test_the_admin_checks_the_new_numbers_against_the_new_roll_call(ward, secretariat_client):
    session = sitting(ward, 1, D(2023, 5, 10))
    first, second, third = sitting_deputies(session, session.start_date)[:3]
    vote = _vote(session, (30, 2, 0, 0, 28), {first.pk: "for", second.pk: "for"})
    data = change_form_data(secretariat_client.get(_admin(vote)))
    rows = _rows(data)
    # One "for" becomes "against", and the numbers with it: the result fits.
    data |= {
        "votes_for": "1",
        "votes_against": "1",
        f"roll_call-{rows[first.pk]}-choice": "against",
    }
    response = secretariat_client.post(_admin(vote), data)
    assert response.status_code == 302, _admin_errors(response)
    expected = {first.pk: "against", second.pk: "for"}
    assert _state(vote) == ((30, 1, 1, 0, 28), session.start_date, expected)
    # A new "abstain" row with the number that counts it, in one save.
    data = change_form_data(secretariat_client.get(_admin(vote)))
    total = int(data["roll_call-TOTAL_FORMS"])
    data |= {"abstentions": "1", "not_voting": "27", "roll_call-TOTAL_FORMS": str(total + 1)}
    data |= {f"roll_call-{total}-deputy": str(third.pk), f"roll_call-{total}-choice": "abstain"}
    data[f"roll_call-{total}-vote"] = str(vote.pk)
    assert secretariat_client.post(_admin(vote), data).status_code == 302
    expected[third.pk] = "abstain"
    assert _state(vote) == ((30, 1, 1, 1, 27), session.start_date, expected)
    # The numbers changed without the roll call: refused, beside the form; nothing saved.
    before = _state(vote)
    data = change_form_data(secretariat_client.get(_admin(vote)))
    data |= {"votes_for": "0", "not_voting": "28"}
    response = secretariat_client.post(_admin(vote), data)
    assert response.status_code == 200
    assert any("danh sách biểu quyết từng đại biểu có 1" in e for e in _admin_errors(response))
    assert _state(vote) == before


def test_a_row_missing_from_a_stale_admin_page_still_counts(ward, secretariat_client):
    """A row saved after the page was opened is not in its grid, yet it stays: the check
    counts it with the rows posted."""
    session = sitting(ward, 1, D(2023, 5, 10))
    first, second = sitting_deputies(session, session.start_date)[:2]
    vote = _vote(session, (30, 2, 0, 0, 28), {first.pk: "for"})
    data = change_form_data(secretariat_client.get(_admin(vote)))
    row = RollCallVote(vote=Vote.objects.get(pk=vote.pk), deputy=second, choice="for")
    row.full_clean()
    row.save()  # someone else's, after the page was opened
    data |= {"votes_for": "1", "votes_against": "1", "roll_call-0-choice": "against"}
    data["not_voting"] = "28"
    assert secretariat_client.post(_admin(vote), data).status_code == 302
    assert _state(vote)[2] == {first.pk: "against", second.pk: "for"}
    data = change_form_data(secretariat_client.get(_admin(vote)))
    before = _state(vote)
    rows = _rows(data)  # the page as it was before the second row: the first row only
    kept = {key: value for key, value in data.items() if not key.startswith("roll_call-")}
    prefix, first_row = "roll_call-0-", f"roll_call-{rows[first.pk]}-"
    kept |= {prefix + k[len(first_row) :]: v for k, v in data.items() if k.startswith(first_row)}
    kept |= {"roll_call-TOTAL_FORMS": "1", "roll_call-INITIAL_FORMS": "1"}
    kept |= {"votes_for": "0", "not_voting": "29", "roll_call-0-choice": "not_voting"}
    response = secretariat_client.post(_admin(vote), kept)
    assert response.status_code == 200
    assert any("ghi 0 phiếu “Tán thành”" in e for e in _admin_errors(response))
    assert _state(vote) == before


def test_elsewhere_the_numbers_still_answer_to_the_stored_roll_call(ward):
    session = sitting(ward, 1, D(2023, 5, 10))
    first, second, third = sitting_deputies(session, session.start_date)[:3]
    vote = _vote(session, (30, 2, 0, 0, 28), {first.pk: "for", second.pk: "for"})
    vote = Vote.objects.get(pk=vote.pk)
    vote.votes_for, vote.votes_against = 1, 1
    with pytest.raises(ValidationError) as refused:
        vote.full_clean()
    assert set(refused.value.message_dict) == {"votes_for"}
    vote = Vote.objects.get(pk=vote.pk)
    with pytest.raises(ValidationError) as refused:
        RollCallVote(vote=vote, deputy=third, choice="for").full_clean()
    assert set(refused.value.message_dict) == {"choice"}
    assert _state(vote) == (
        (30, 2, 0, 0, 28),
        session.start_date,
        {first.pk: "for", second.pk: "for"},
    )
