"""Votes on resolutions: more than half of ALL the council's deputies, or two thirds."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from councilwork.models import CouncilLevel, Deputy
from sessions.models import Resolution, Vote, votes_needed
from sessions.selectors import vote_counts
from sessions.votes import RollCallVote, vote_passes
from tests.admin_post import change_form_data
from tests.work_factories import D, council, deputies, sitting

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("deputies_count", "votes_for", "two_thirds", "passes"),
    [
        (30, 16, False, True),
        (30, 15, False, False),
        (30, 20, True, True),
        (30, 19, True, False),
        (31, 16, False, True),
        (31, 15, False, False),
        (31, 21, True, True),  # two thirds of 31 is 20.67: 21 are needed
        (31, 20, True, False),
        (1, 1, False, True),
        (2, 1, False, False),  # half is not more than half
        (3, 2, True, True),
    ],
)
def test_the_thresholds(deputies_count, votes_for, two_thirds, passes):
    assert vote_passes(deputies_count, votes_for, two_thirds) is passes


def test_votes_needed_is_more_than_half_and_at_least_two_thirds():
    for n in range(1, 200):
        assert votes_needed(n) == next(v for v in range(n + 1) if 2 * v > n)
        assert votes_needed(n, two_thirds=True) == next(v for v in range(n + 1) if 3 * v >= 2 * n)


def _vote(session, **fields):
    values = {"votes_against": 0, "abstentions": 0, "not_voting": 0, **fields}
    return Vote(session=session, **values)


@pytest.fixture
def place():
    ward = council("vote-ward")
    deputies(ward, 30)
    return ward


def test_the_database_agrees_with_the_arithmetic(place):
    session = sitting(place, 1, D(2023, 5, 10))
    made = []
    for n in (1, 2, 3, 29, 30, 31, 60, 61):
        for two_thirds in (False, True):
            needed = votes_needed(n, two_thirds)
            for votes_for in (needed - 1, needed):
                if 0 <= votes_for <= n:
                    made.append(
                        _vote(
                            session,
                            subject=f"{n} {two_thirds} {votes_for}",
                            voted_on=session.start_date,
                            deputies=n,
                            two_thirds=two_thirds,
                            votes_for=votes_for,
                            not_voting=n - votes_for,
                        )
                    )
    for vote in made:
        vote.full_clean()
        vote.save()
    rows = Vote.objects.filter(session=session).with_outcome()
    for vote in rows:
        assert vote.votes_needed == votes_needed(vote.deputies, vote.two_thirds) == vote.needed
        assert (vote.outcome == "passed") is vote.passed


def _adopted(session, number=1):
    return Resolution.objects.create(
        council=session.council,
        session=session,
        number=number,
        adopted_on=session.start_date,
        title="Về một việc",
    )


@pytest.mark.parametrize(
    ("two_thirds", "votes_for", "message"),
    [
        (False, 15, "30 đại biểu: cần ít nhất 16 phiếu tán thành; 15 là không đủ."),
        (True, 19, "30 đại biểu: cần ít nhất 20 phiếu tán thành (hai phần ba); 19 là không đủ."),
    ],
)
def test_an_adopted_resolution_with_a_failing_vote_is_refused_saying_the_numbers(
    place, two_thirds, votes_for, message
):
    resolution = _adopted(sitting(place, 1, D(2023, 5, 10)))
    vote = Vote(
        resolution=resolution,
        two_thirds=two_thirds,
        votes_for=votes_for,
        votes_against=30 - votes_for,
    )
    with pytest.raises(ValidationError) as refused:
        vote.full_clean()
    assert refused.value.message_dict == {"votes_for": [message]}
    # The number of deputies came from their seats; the session and day from the resolution.
    assert (vote.deputies, vote.session_id, vote.voted_on) == (
        30,
        resolution.session_id,
        D(2023, 5, 10),
    )
    vote.votes_for, vote.votes_against = votes_for + 1, 29 - votes_for
    vote.full_clean()


def test_the_numbers_must_add_up_to_the_deputies(place):
    vote = _vote(sitting(place, 1, D(2023, 5, 10)), subject="Dự thảo", votes_for=10, deputies=30)
    with pytest.raises(ValidationError) as refused:
        vote.full_clean()
    assert refused.value.message_dict == {
        "not_voting": ["Các số phiếu cộng lại được 10, không bằng tổng số 30 đại biểu."]
    }


def test_the_database_refuses_numbers_that_do_not_add_up(place):
    session = sitting(place, 1, D(2023, 5, 10))
    with pytest.raises(IntegrityError), transaction.atomic():
        Vote.objects.create(
            session=session, subject="x", voted_on=session.start_date, deputies=30, votes_for=3
        )


def test_a_failed_draft_is_recorded_without_a_resolution(place):
    session = sitting(place, 1, D(2023, 5, 10))
    vote = _vote(session, subject="Dự thảo không thông qua", votes_for=15, votes_against=15)
    vote.full_clean()
    assert vote.deputies == 30 and not vote.passed
    no_subject = _vote(session, votes_for=30)
    with pytest.raises(ValidationError) as refused:
        no_subject.full_clean()
    assert set(refused.value.message_dict) == {"subject"}


def test_the_deputies_are_those_seated_on_the_day(place):
    term = place.terms.get()
    deputies(place, 2, started_on=D(2023, 6, 1))  # elected mid-term
    deputies(place, 1, ended_on=D(2023, 3, 1))  # seat ended
    assert term.deputies.count() == 33
    before = _vote(sitting(place, 1, D(2023, 5, 10)), subject="x", votes_for=16)
    before.not_voting = 14
    before.full_clean()
    assert before.deputies == 30
    after = _vote(sitting(place, 2, D(2023, 7, 10)), subject="y", votes_for=17)
    after.not_voting = 15
    after.full_clean()
    assert after.deputies == 32


def test_vote_counts_against_a_plain_count():
    district = council("vote-d", level=CouncilLevel.DISTRICT)
    wards = [council(f"vote-w{i}", parent=district) for i in range(3)]
    expected = {"own": dict.fromkeys(("total", "resolutions", "passed", "failed"), 0)}
    expected["commune"] = dict(expected["own"])
    for n, place in enumerate([district, *wards]):
        deputies(place, 7 + n)
        # A session across the year's end counts where its votes fall.
        for number, (start, end) in enumerate(
            [(D(2022, 12, 30), D(2023, 1, 2)), (D(2023, 6, 1), None), (D(2024, 1, 5), None)], 1
        ):
            session = sitting(place, number, start, end)
            for k in range(n + number):
                day = end if (end and k % 2) else start
                total = 7 + n
                votes_for = total // 2 + (1 if k % 3 else 0)  # some pass, some fail
                vote = _vote(
                    session,
                    subject=f"Dự thảo {k}",
                    voted_on=day,
                    votes_for=votes_for,
                    not_voting=total - votes_for,
                )
                if vote_passes(total, votes_for) and k % 2 == 0:
                    vote.resolution = Resolution.objects.create(
                        council=place, session=session, number=k + 1, adopted_on=day, title="NQ"
                    )
                    vote.subject = ""
                vote.full_clean()
                vote.save()
                if day.year == 2023:
                    scope = expected["own" if place == district else "commune"]
                    scope["total"] += 1
                    scope["resolutions"] += vote.resolution_id is not None
                    scope["passed" if vote_passes(total, votes_for) else "failed"] += 1
    counts = vote_counts(council=district, year=2023)
    assert counts.own == expected["own"]
    assert counts.below == {"commune": expected["commune"]}


def test_the_vote_admin_refuses_a_failing_adopted_vote_beside_the_field(secretariat_client, place):
    resolution = _adopted(sitting(place, 1, D(2023, 5, 10)))
    before = Vote.objects.count()
    response = secretariat_client.post(
        reverse("admin:council_sessions_vote_add"),
        {
            "session": resolution.session_id,
            "resolution": resolution.pk,
            "subject": "",
            "voted_on": "10/05/2023",
            "deputies": "30",
            "votes_for": "15",
            "votes_against": "10",
            "abstentions": "5",
            "not_voting": "0",
            "roll_call-TOTAL_FORMS": "0",
            "roll_call-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors == {"votes_for": ["30 đại biểu: cần ít nhất 16 phiếu tán thành; 15 là không đủ."]}
    assert Vote.objects.count() == before
    # The admin asks for the number of deputies, as the minutes give it.
    response = secretariat_client.post(
        reverse("admin:council_sessions_vote_add"),
        {"session": resolution.session_id, "voted_on": "10/05/2023", "deputies": ""},
    )
    assert "deputies" in response.context["adminform"].form.errors


def test_the_demo_records_its_votes(district):
    votes = Vote.objects.filter(session__council=district, voted_on__year=2023)
    assert votes.filter(resolution__isnull=False).count() == 38
    assert vote_counts(council=district, year=2023).own == {
        "total": 39,
        "resolutions": 38,
        "passed": 38,
        "failed": 1,
    }
    assert dt.date(2023, 9, 26) in set(
        votes.filter(resolution=None).values_list("voted_on", flat=True)
    )


def test_vote_counts_take_two_queries(place, django_assert_num_queries):
    with django_assert_num_queries(2):  # the votes and the levels below
        vote_counts(council=place, year=2023)


def test_a_roll_call_never_holds_more_of_a_kind_than_the_vote(place, secretariat_client):
    """Two votes against recorded: a third deputy's "against" is refused, on every path."""
    session = sitting(place, 1, D(2023, 5, 10))
    vote = _vote(session, subject="Dự thảo", votes_for=27, votes_against=2, abstentions=1)
    vote.full_clean()
    vote.save()
    seated = list(Deputy.objects.filter(term=session.term).order_by("pk")[:4])
    for deputy in seated[:2]:
        row = RollCallVote(vote=vote, deputy=deputy, choice="against")
        row.full_clean()
        row.save()
    third = RollCallVote(vote=vote, deputy=seated[2], choice="against")
    with pytest.raises(ValidationError) as refused:
        third.full_clean()
    message = refused.value.message_dict["choice"][0]
    assert message.startswith("Biểu quyết ghi 2 phiếu “") and "đại biểu có 3" in message
    # The vote's numbers cannot drop below its roll call either.
    vote.votes_against, vote.votes_for = 1, 28
    with pytest.raises(ValidationError) as refused:
        vote.full_clean()
    assert set(refused.value.message_dict) == {"votes_against"}
    # The admin's roll call grid, as submitted: two new "against" rows beside the two.
    url = reverse("admin:council_sessions_vote_change", args=[vote.pk])
    data = change_form_data(secretariat_client.get(url))
    total = int(data["roll_call-TOTAL_FORMS"])
    for n, deputy in enumerate(seated[2:], start=total):
        data[f"roll_call-{n}-deputy"] = str(deputy.pk)
        data[f"roll_call-{n}-choice"] = "against"
        data[f"roll_call-{n}-vote"] = str(vote.pk)
    data["roll_call-TOTAL_FORMS"] = str(total + 2)
    response = secretariat_client.post(url, data)
    assert response.status_code == 200
    assert RollCallVote.objects.filter(vote=vote).count() == 2  # nothing saved
    formset = response.context["inline_admin_formsets"][0].formset
    shown = [str(e) for e in formset.non_form_errors()] + [str(f.errors) for f in formset.forms]
    assert any("danh sách biểu quyết từng đại biểu có" in text for text in shown), shown
