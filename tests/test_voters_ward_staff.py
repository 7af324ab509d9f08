"""Ward staff record their own council's reception days, cases, meetings and petitions.

On the pages of voters.views (ward staff have no admin): their own council's records
only; another council's record is a 404, another council's id posted a form error, and
nothing is saved either way. Leaders read (the summary, the admin), they do not record.
"""

import datetime as dt

import pytest

from councilwork.models import Body, Deputy
from voters.models import ReceptionCase, ReceptionDay, VoterMeeting, VoterPetition

pytestmark = pytest.mark.django_db
DAY = dt.date(2024, 3, 5)


def _management(prefix: str, total: int = 1) -> dict:
    return {f"{prefix}-TOTAL_FORMS": str(total), f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"}  # fmt: skip


def reception_post(council, **extra) -> dict:
    deputy = Deputy.objects.seated_on(council, DAY).first()
    return {
        "council": str(council.pk),
        "date": DAY.isoformat(),
        "place": "Trụ sở tiếp công dân phường",
        "deputies": [str(deputy.pk)],
        "citizens": "3",
        **_management("cases"),
        "cases-0-kind": "petition",
        "cases-0-field": "Hạ tầng",
        "cases-0-summary": "Đề nghị sửa đèn chiếu sáng ngõ 12",
        "cases-0-citizen_name": "Phạm Thị Riêng Tư",
        "cases-0-forwarded_to": "UBND phường",
        "cases-0-deadline": (DAY + dt.timedelta(days=30)).isoformat(),
        "cases-0-status": "forwarded",
        **extra,
    }


def meeting_post(council, **extra) -> dict:
    return {
        "council": str(council.pk),
        "timing": "thematic",
        "date": DAY.isoformat(),
        "place": "Nhà văn hóa tổ dân phố 3",
        "voters": "60",
        **_management("petitions"),
        "petitions-0-field": "Môi trường",
        "petitions-0-content": "Tăng tần suất thu gom rác",
        "petitions-0-agency": "UBND phường",
        "petitions-0-deadline": (DAY + dt.timedelta(days=45)).isoformat(),
        "petitions-0-status": "pending",
        **extra,
    }


def _day(council) -> ReceptionDay:
    day = ReceptionDay(council=council, date=DAY, place="Trụ sở khác", citizens=1)
    day.full_clean()
    day.save()
    return day


def _state():
    return [m.objects.count() for m in (ReceptionDay, ReceptionCase, VoterMeeting, VoterPetition)]


def test_ward_staff_add_a_reception_day_with_its_case_for_their_council(ward_a, ward_a_client):
    response = ward_a_client.post("/reception/new/", reception_post(ward_a))
    day = ReceptionDay.objects.get(council=ward_a, place="Trụ sở tiếp công dân phường")
    assert response.status_code == 302 and response["Location"] == f"/reception/{day.pk}/"
    assert day.citizens == 3 and day.deputies.count() == 1
    case = day.cases.get()
    assert (case.kind, case.status, case.citizen_name) == (
        "petition",
        "forwarded",
        "Phạm Thị Riêng Tư",
    )
    # Their own council's case, with the citizen's name: they see it on the day's page.
    assert "Phạm Thị Riêng Tư" in ward_a_client.get(f"/reception/{day.pk}/").content.decode()


def test_ward_staff_add_a_meeting_with_its_petition_for_their_council(ward_a, ward_a_client):
    response = ward_a_client.post("/voter-meetings/new/", meeting_post(ward_a))
    meeting = VoterMeeting.objects.get(council=ward_a, place="Nhà văn hóa tổ dân phố 3")
    assert response.status_code == 302 and response["Location"] == f"/voter-meetings/{meeting.pk}/"
    petition = meeting.petitions.get()
    assert (petition.field, petition.status, petition.agency) == (
        "Môi trường",
        "pending",
        "UBND phường",
    )


def test_another_councils_id_posted_is_refused_and_nothing_saved(ward_a, ward_b, ward_a_client):
    before = _state()
    for url, data in (
        ("/reception/new/", {**reception_post(ward_a), "council": str(ward_b.pk)}),
        ("/voter-meetings/new/", {**meeting_post(ward_a), "council": str(ward_b.pk)}),
    ):
        response = ward_a_client.post(url, data)
        assert response.status_code == 200
        assert response.context["form"].errors["council"]
    other_body = Body.objects.filter(council=ward_b).first()
    response = ward_a_client.post(
        "/reception/new/", reception_post(ward_a, body=str(other_body.pk))
    )
    assert response.context["form"].errors["body"]
    # Their own day moved to another council: refused too.
    own = _day(ward_a)
    response = ward_a_client.post(f"/reception/{own.pk}/", reception_post(ward_b))
    assert response.status_code == 200 and response.context["form"].errors["council"]
    own.refresh_from_db()
    assert own.council == ward_a and own.place == "Trụ sở khác"
    assert _state() == [before[0] + 1, *before[1:]]


def test_another_wards_records_are_neither_listed_nor_opened(ward_a, ward_b, ward_a_client):
    mine, theirs = _day(ward_a), _day(ward_b)
    html = ward_a_client.get("/reception/").content.decode()
    assert f'data-record="{mine.pk}"' in html and f'data-record="{theirs.pk}"' not in html
    assert ward_a_client.get("/reception/", {"council": ward_b.slug}).status_code == 404
    assert ward_a_client.get(f"/reception/{theirs.pk}/").status_code == 404
    before = _state()
    post = reception_post(ward_b, place="Đổi")
    assert ward_a_client.post(f"/reception/{theirs.pk}/", post).status_code == 404
    assert ward_a_client.get("/voter-meetings/new/", {"council": ward_b.slug}).status_code == 404
    theirs.refresh_from_db()
    assert theirs.place == "Trụ sở khác" and _state() == before


def test_the_secretariat_records_for_any_council_and_leaders_do_not(
    ward_b, secretariat_client, leader_client, anonymous_client
):
    response = secretariat_client.post(
        "/reception/new/?council=" + ward_b.slug, reception_post(ward_b)
    )
    assert response.status_code == 302
    assert ReceptionCase.objects.filter(
        day__council=ward_b, citizen_name="Phạm Thị Riêng Tư"
    ).exists()
    before = _state()
    for url in ("/reception/", "/reception/new/", "/voter-meetings/", "/voter-meetings/new/"):
        assert leader_client.get(url).status_code == 403
        assert anonymous_client.get(url).status_code == 302
    assert leader_client.post("/reception/new/", reception_post(ward_b)).status_code == 403
    assert _state() == before


def _case(day, n: int) -> None:
    case = ReceptionCase(day=day, kind="petition", field=f"Lĩnh vực {n}", summary="Nội dung",
                         status="guided")  # fmt: skip
    case.full_clean()
    case.save()


def _queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_pages_cost_the_same_queries_with_three_times_the_records(ward_a, ward_a_client):
    day = _day(ward_a)
    _case(day, 0)
    ward_a_client.get("/reception/")  # warm the per-process caches
    once = (
        _queries(ward_a_client, "/reception/"),
        _queries(ward_a_client, f"/reception/{day.pk}/"),
    )
    for n in (1, 2):
        _day(ward_a)
        _case(day, n)
    thrice = (
        _queries(ward_a_client, "/reception/"),
        _queries(ward_a_client, f"/reception/{day.pk}/"),
    )
    assert thrice == once
