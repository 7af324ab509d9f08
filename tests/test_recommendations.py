"""Recommendations followed to done: no closing without the agency's response, and the
overdue list (past the deadline, or open more than six months after the activity)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from councilwork.models import CouncilLevel
from oversight.models import OversightActivity, Recommendation, months_before
from oversight.selectors import recommendation_counts
from tests.work_factories import D, council

pytestmark = pytest.mark.django_db

NO_RESPONSE = (
    "Kiến nghị chỉ được ghi là đã thực hiện khi đã ghi nhận văn bản trả lời của cơ quan: "
    "số và ngày văn bản."
)


@pytest.mark.parametrize(
    ("day", "before"),
    [
        (D(2023, 9, 10), D(2023, 3, 10)),
        (D(2023, 8, 31), D(2023, 2, 28)),
        (D(2024, 8, 31), D(2024, 2, 29)),
        (D(2023, 3, 15), D(2022, 9, 15)),
        (D(2024, 1, 31), D(2023, 7, 31)),
    ],
)
def test_six_months_before(day, before):
    assert months_before(day, 6) == before


MARCH = (D(2023, 3, 8), D(2023, 3, 10))


def _activity(place, start=MARCH[0], end=MARCH[1]):
    return OversightActivity.objects.create(
        council=place, kind="thematic", title="Giám sát", start_date=start, end_date=end
    )


def _recommendation(activity, **fields):
    values = {"content": "Khắc phục", "responsible_agency": "UBND", **fields}
    recommendation = Recommendation(activity=activity, **values)
    recommendation.full_clean()
    recommendation.save()
    return recommendation


def test_it_cannot_be_done_without_the_response():
    activity = _activity(council("rec-w"))
    done = Recommendation(
        activity=activity,
        content="Khắc phục",
        responsible_agency="UBND",
        status="done",
        completed_on=D(2023, 5, 1),
    )
    with pytest.raises(ValidationError) as refused:
        done.full_clean()
    assert refused.value.message_dict == {"status": [NO_RESPONSE]}
    done.response_number, done.response_date = "12/UBND", D(2023, 4, 28)
    done.full_clean()


def test_the_admin_refuses_it_beside_the_status_and_saves_nothing(secretariat_client):
    activity = _activity(council("rec-a"))
    before = Recommendation.objects.count()
    response = secretariat_client.post(
        reverse("admin:oversight_recommendation_add"),
        {
            "activity": activity.pk,
            "responsible_agency": "UBND",
            "deadline": "",
            "content": "Khắc phục",
            "response_number": "",
            "response_date": "",
            "response_content": "",
            "status": "done",
            "completed_on": "01/05/2023",
        },
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {"status": [NO_RESPONSE]}
    assert Recommendation.objects.count() == before


@pytest.mark.parametrize(
    ("today", "overdue"),
    [
        (D(2023, 6, 10), False),  # the deadline itself
        (D(2023, 6, 11), True),  # the day after
    ],
)
def test_overdue_past_the_deadline(today, overdue):
    recommendation = _recommendation(_activity(council("rec-d")), deadline=D(2023, 6, 10))
    assert Recommendation.objects.overdue(today).filter(pk=recommendation.pk).exists() is overdue


@pytest.mark.parametrize(
    ("today", "overdue"),
    [
        (D(2023, 9, 10), False),  # six months after the activity ended
        (D(2023, 9, 11), True),  # more than six months
    ],
)
def test_overdue_when_open_more_than_six_months(today, overdue):
    # A distant deadline, or none: six months open is overdue all the same.
    activity = _activity(council("rec-s"))
    far = _recommendation(activity, deadline=D(2024, 12, 31))
    none = _recommendation(activity, responsible_agency="Phòng", deadline=None)
    found = set(Recommendation.objects.overdue(today).values_list("pk", flat=True))
    assert (far.pk in found, none.pk in found) == (overdue, overdue)


def test_done_is_never_overdue():
    activity = _activity(council("rec-n"))
    done = _recommendation(
        activity,
        deadline=D(2023, 4, 1),
        status="done",
        completed_on=D(2023, 5, 1),
        response_number="5/UBND",
        response_date=D(2023, 5, 1),
    )
    assert not Recommendation.objects.overdue(D(2025, 1, 1)).filter(pk=done.pk).exists()


def test_the_overdue_list_for_leaders_and_the_secretariat(leader_client, secretariat_client):
    month_ago = dt.date.today() - dt.timedelta(days=30)
    activity = _activity(council("rec-l"), start=month_ago, end=month_ago)
    late = _recommendation(activity, deadline=dt.date.today() - dt.timedelta(days=1))
    on_time = _recommendation(
        activity, responsible_agency="Khác", deadline=dt.date.today() + dt.timedelta(days=9)
    )
    url = reverse("admin:oversight_recommendation_changelist")
    for client in (leader_client, secretariat_client):
        response = client.get(url, {"overdue": "yes"})
        assert response.status_code == 200
        shown = list(response.context["cl"].result_list)
        assert late in shown and on_time not in shown
        assert len(shown) == Recommendation.objects.overdue(dt.date.today()).count()
        assert "Quá hạn" in response.content.decode()
        rows = client.get(url, {"overdue": "no"}).context["cl"].result_list
        assert on_time in rows and late not in rows


def test_recommendation_counts_against_a_plain_count():
    district = council("rec-t", level=CouncilLevel.DISTRICT)
    wards = [council(f"rec-t{i}", parent=district) for i in range(2)]
    today = D(2024, 2, 1)
    made = []
    for n, place in enumerate([district, *wards]):
        for k, (start, end) in enumerate(
            [
                (D(2022, 12, 30), D(2023, 1, 3)),
                (D(2023, 4, 1), D(2023, 4, 2)),
                (D(2024, 1, 5), None),
            ]
        ):
            activity = _activity(place, start, end or start)
            for j in range(n + k + 1):
                done = (j + n) % 3 == 0
                fields = {"deadline": start + dt.timedelta(days=40 * (j + 1))}
                if done:
                    fields.update(
                        status="done",
                        completed_on=start + dt.timedelta(days=30),
                        response_number=f"{j}/UBND",
                        response_date=start + dt.timedelta(days=30),
                    )
                made.append(
                    (place, _recommendation(activity, responsible_agency=f"CQ {j}", **fields))
                )

    def plain(places):
        rows = [r for p, r in made if p in places and r.activity.start_date.year == 2023]
        overdue = [
            r
            for r in rows
            if r.status != "done"
            and (r.deadline < today or r.activity.end_date < months_before(today, 6))
        ]
        return {
            "made": len(rows),
            "done": sum(r.status == "done" for r in rows),
            "overdue": len(overdue),
        }

    counts = recommendation_counts(council=district, year=2023, today=today)
    assert counts.own == plain([district])
    assert counts.below == {"commune": plain(wards)}
    assert counts.own["overdue"] and counts.below["commune"]["overdue"]


def test_the_demos_recommendations_carry_their_responses():
    for recommendation in Recommendation.objects.filter(status="done"):
        recommendation.full_clean()
        assert recommendation.response_number and recommendation.response_date


def test_recommendation_counts_take_two_queries(django_assert_num_queries):
    district = council("rec-q", level=CouncilLevel.DISTRICT)
    with django_assert_num_queries(2):  # the recommendations and the levels below
        recommendation_counts(council=district, year=2023)
