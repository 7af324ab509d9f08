"""Citizen reception and voters' petitions: overdue by dates, the rules of a record,
citizens' personal data kept from leaders, and the year's counts against a plain count."""

import datetime as dt

import pytest
from django.contrib.admin.models import LogEntry
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from councilwork.models import CouncilLevel
from tests.work_factories import D, council, deputies, sitting
from voters.models import ReceptionCase, ReceptionDay, VoterMeeting, VoterPetition
from voters.selectors import citizen_reception, voter_petitions

pytestmark = pytest.mark.django_db
NAME = "Trần Thị Bí Mật"
ADDRESS = "Số 7 ngõ Riêng Tư"
CONTACT = "0987 654 321"


RECEPTION_DAY, MEETING_DAY = D(2023, 3, 15), D(2023, 6, 1)


def _day(place, date=RECEPTION_DAY, citizens=5):
    return ReceptionDay.objects.create(council=place, date=date, place="Trụ sở", citizens=citizens)


def _case(day, **fields):
    values = {
        "kind": "complaint",
        "field": "Đất đai",
        "summary": "Tranh chấp ranh giới",
        "forwarded_to": "UBND phường",
        "status": "forwarded",
        **fields,
    }
    case = ReceptionCase(day=day, **values)
    case.full_clean()
    case.save()
    return case


@pytest.mark.parametrize(
    ("today", "reply", "overdue"),
    [
        (D(2023, 4, 14), None, False),  # the deadline itself
        (D(2023, 4, 15), None, True),  # the day after, with no reply
        (D(2023, 4, 15), D(2023, 4, 20), False),  # replied (late, but replied)
    ],
)
def test_a_case_is_overdue_once_its_deadline_passed_without_a_reply(today, reply, overdue):
    fields = {"deadline": D(2023, 4, 14)}
    if reply:
        fields.update(reply_date=reply, reply_number="9/UBND", status="answered")
    case = _case(_day(council("vt-c")), **fields)
    assert ReceptionCase.objects.overdue(today).filter(pk=case.pk).exists() is overdue
    assert ReceptionCase.objects.with_overdue(today).get(pk=case.pk).is_overdue is overdue


def test_a_case_guided_on_the_spot_is_never_overdue():
    case = _case(_day(council("vt-g")), status="guided", forwarded_to="", deadline=D(2023, 3, 20))
    assert not ReceptionCase.objects.overdue(D(2024, 1, 1)).filter(pk=case.pk).exists()


def test_the_rules_of_a_case():
    day = _day(council("vt-r"))
    with pytest.raises(ValidationError) as refused:
        _case(day, deadline=D(2023, 3, 1))
    assert refused.value.message_dict == {
        "deadline": ["Hạn trả lời không được trước ngày tiếp công dân."]
    }
    with pytest.raises(ValidationError) as refused:
        _case(day, status="answered")
    assert set(refused.value.message_dict) == {"reply_date"}
    with pytest.raises(ValidationError) as refused:
        _case(day, forwarded_to="")
    assert refused.value.message_dict == {"forwarded_to": ["Hãy ghi cơ quan được chuyển vụ việc."]}
    with pytest.raises(IntegrityError), transaction.atomic():
        ReceptionCase.objects.create(day=day, kind="petition", field="x", summary="y")


def _meeting(place, date=MEETING_DAY, session=None, timing="thematic", voters=50):
    meeting = VoterMeeting(
        council=place, date=date, session=session, timing=timing, place="Nhà văn hóa", voters=voters
    )
    meeting.full_clean()
    meeting.save()
    return meeting


def _petition(meeting, **fields):
    values = {"field": "Hạ tầng", "content": "Sửa đường", "agency": "UBND", **fields}
    petition = VoterPetition(meeting=meeting, **values)
    petition.full_clean()
    petition.save()
    return petition


@pytest.mark.parametrize(
    ("today", "status", "overdue"),
    [
        (D(2023, 7, 31), "pending", False),
        (D(2023, 8, 1), "pending", True),
        (D(2023, 8, 1), "in_progress", False),  # answered: being resolved
    ],
)
def test_a_petition_is_overdue_once_its_deadline_passed_without_an_answer(today, status, overdue):
    fields = {"deadline": D(2023, 7, 31), "status": status}
    if status != "pending":
        fields.update(answer_date=D(2023, 7, 20), answer_number="3/UBND")
    petition = _petition(_meeting(council("vt-p")), **fields)
    assert VoterPetition.objects.overdue(today).filter(pk=petition.pk).exists() is overdue


def test_a_meeting_before_or_after_a_session_is_dated_accordingly():
    place = council("vt-m")
    session = sitting(place, 1, D(2023, 7, 12), D(2023, 7, 13))
    _meeting(place, D(2023, 7, 5), session, "before")
    _meeting(place, D(2023, 7, 20), session, "after")
    with pytest.raises(ValidationError) as refused:
        _meeting(place, D(2023, 7, 20), session, "before")
    assert set(refused.value.message_dict) == {"date"}
    with pytest.raises(ValidationError) as refused:
        _meeting(council("vt-m2"), D(2023, 7, 5), session, "before")
    assert refused.value.message_dict == {"session": ["Kỳ họp phải là kỳ họp của cùng HĐND."]}
    with pytest.raises(ValidationError) as refused:
        _meeting(place, D(2023, 7, 5), None, "before")
    assert set(refused.value.message_dict) == {"session"}


def test_an_answered_petition_needs_its_answer():
    meeting = _meeting(council("vt-a"))
    with pytest.raises(ValidationError) as refused:
        _petition(meeting, status="resolved")
    assert refused.value.message_dict == {
        "answer_date": ["Kiến nghị đã được trả lời phải có ngày văn bản trả lời."]
    }


# Citizens' personal data -----------------------------------------------------------------


@pytest.fixture
def private_case(ward_a):
    return _case(_day(ward_a), citizen_name=NAME, citizen_address=ADDRESS, citizen_contact=CONTACT)


def _pages(case):
    return [
        (reverse("admin:voters_receptioncase_changelist"), {}),
        (reverse("admin:voters_receptioncase_changelist"), {"q": "Bí Mật"}),
        (reverse("admin:voters_receptioncase_change", args=[case.pk]), {}),
        (reverse("admin:voters_receptioncase_history", args=[case.pk]), {}),
        (reverse("admin:voters_receptionday_change", args=[case.day_id]), {}),
        (reverse("admin:voters_receptionday_changelist"), {}),
    ]


def test_leaders_never_see_a_citizens_personal_data(leader_client, private_case):
    private_case.citizen_contact = "0900 111 222"  # a change, so the history has a delta
    private_case.save()
    for url, query in _pages(private_case):
        response = leader_client.get(url, query)
        assert response.status_code == 200, url
        page = response.content.decode()
        for secret in (NAME, ADDRESS, CONTACT, "0900 111 222", "citizen_name"):
            assert secret not in page, (url, secret)
    # A search by the name finds nothing for them: it would tell that the person came.
    response = leader_client.get(reverse("admin:voters_receptioncase_changelist"), {"q": "Bí Mật"})
    assert response.context["cl"].result_count == 0


def test_the_secretariat_sees_it_and_the_log_does_not_keep_it(secretariat_client, private_case):
    change = reverse("admin:voters_receptioncase_change", args=[private_case.pk])
    page = secretariat_client.get(change).content.decode()
    assert NAME in page and ADDRESS in page and CONTACT in page
    found = secretariat_client.get(
        reverse("admin:voters_receptioncase_changelist"), {"q": "Bí Mật"}
    )
    assert found.context["cl"].result_count == 1
    form = secretariat_client.get(change).context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields}
    data.update(day=private_case.day_id, deadline="", reply_date="", citizen_address="Nơi khác")
    response = secretariat_client.post(change, data)
    assert response.status_code == 302
    entry = LogEntry.objects.filter(object_id=str(private_case.pk)).latest("pk")
    assert NAME not in entry.object_repr and NAME not in entry.get_change_message()
    assert "Nơi khác" not in entry.get_change_message()


def test_the_deputies_present_must_be_the_councils(secretariat_client, ward_a, ward_b):
    stranger = ward_b.terms.get().deputies.first()
    before = ReceptionDay.objects.count()
    response = secretariat_client.post(
        reverse("admin:voters_receptionday_add"),
        {
            "council": ward_a.pk,
            "body": "",
            "date": "15/03/2023",
            "place": "Trụ sở",
            "deputies": [stranger.pk],
            "citizens": "3",
            "note": "",
            "cases-TOTAL_FORMS": "0",
            "cases-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert list(response.context["adminform"].form.errors) == ["deputies"]
    assert ReceptionDay.objects.count() == before


# The year's counts ---------------------------------------------------------------------


def _tree_with_records():
    district = council("vt-d", level=CouncilLevel.DISTRICT)
    places = [district, *[council(f"vt-w{i}", parent=district) for i in range(2)]]
    days, meetings = [], []
    for n, place in enumerate(places):
        deputies(place, 3)
        for k, date in enumerate([D(2022, 12, 31), D(2023, 1, 1), D(2023, 12, 31), D(2024, 1, 1)]):
            day = _day(place, date, citizens=3 + n + k)
            days.append(day)
            for j in range(n + k):
                replied = (j + k) % 3 == 0
                fields = {"deadline": date + dt.timedelta(days=20 * (j + 1))}
                if replied:
                    fields.update(
                        reply_date=date + dt.timedelta(days=10),
                        reply_number="1/UBND",
                        status="answered",
                    )
                _case(
                    day,
                    kind=["complaint", "denunciation", "petition", "reflection"][j % 4],
                    **fields,
                )
            meeting = _meeting(place, date, voters=40 + n * 10 + k)
            meetings.append(meeting)
            for j in range(k + 1):
                status = ["pending", "answered", "in_progress", "resolved"][(j + n) % 4]
                fields = {"deadline": date + dt.timedelta(days=30 * (j + 1)), "status": status}
                if status != "pending":
                    fields.update(answer_date=date + dt.timedelta(days=15), answer_number="2/UBND")
                _petition(meeting, **fields)
    return district, places


def _plain_reception(places, year, today):
    days = [d for d in ReceptionDay.objects.filter(council__in=places) if d.date.year == year]
    cases = [c for d in days for c in d.cases.all()]
    kinds = {
        kind: sum(c.kind == kind for c in cases)
        for kind in ("complaint", "denunciation", "petition", "reflection")
    }
    return {
        "days": len(days),
        "citizens": sum(d.citizens for d in days),
        "cases": {"total": len(cases), **kinds},
        "answered": sum(c.reply_date is not None for c in cases),
        "overdue": sum(
            c.reply_date is None and c.status != "guided" and c.deadline < today for c in cases
        ),
    }


def _plain_petitions(places, year, today):
    meetings = [m for m in VoterMeeting.objects.filter(council__in=places) if m.date.year == year]
    petitions = [p for m in meetings for p in m.petitions.all()]
    return {
        "meetings": len(meetings),
        "voters": sum(m.voters for m in meetings),
        "petitions": len(petitions),
        "answered": sum(p.status != "pending" for p in petitions),
        "resolved": sum(p.status == "resolved" for p in petitions),
        "overdue": sum(p.status == "pending" and p.deadline < today for p in petitions),
    }


@pytest.mark.parametrize("year", [2022, 2023, 2024])
def test_the_years_counts_against_a_plain_count(year):
    district, places = _tree_with_records()
    today = D(2024, 1, 25)
    reception = citizen_reception(council=district, year=year, today=today)
    assert reception.own == _plain_reception(places[:1], year, today)
    assert reception.below == {"commune": _plain_reception(places[1:], year, today)}
    petitions = voter_petitions(council=district, year=year, today=today)
    assert petitions.own == _plain_petitions(places[:1], year, today)
    assert petitions.below == {"commune": _plain_petitions(places[1:], year, today)}


def test_the_demo_has_records_of_2023_and_2024(district):
    for year in (2023, 2024):
        assert citizen_reception(council=district, year=year).own["days"]
        assert voter_petitions(council=district, year=year).below["commune"]["petitions"]


def test_the_counts_take_a_fixed_number_of_queries(django_assert_num_queries):
    district, _places = _tree_with_records()
    with django_assert_num_queries(3):  # days, cases and the levels below
        citizen_reception(council=district, year=2023)
    with django_assert_num_queries(2):  # the levels below are remembered on the council
        voter_petitions(council=district, year=2023)
