"""Deputies' attendance: who is expected (by their seat's dates), the rules of a row, the
ward's page and the admin's grid, and the year's counts against a plain count."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from councilwork.models import CouncilLevel, Deputy
from sessions import services
from sessions.models import Attendance, Session
from sessions.selectors import absent_all_year, attendance_counts, deputy_attendance
from tests.conftest import _client_for
from tests.work_factories import D, council, deputies, seated, sitting

pytestmark = pytest.mark.django_db
PRESENT = ("in_person", "online")


def _row(session, deputy, status="in_person", day=None, reason=""):
    return Attendance(session=session, deputy=deputy, sitting_day=day, status=status, reason=reason)


def _save(row):
    row.full_clean()
    row.save()
    return row


@pytest.fixture
def ward():
    place = council("att-ward")
    deputies(place, 3)
    return place


def test_a_deputy_elected_mid_term_is_not_expected_nor_recordable_before(ward):
    (late,) = deputies(ward, 1, started_on=D(2023, 7, 1))
    before, after = sitting(ward, 1, D(2023, 5, 10)), sitting(ward, 2, D(2023, 7, 10))
    assert late not in services.sitting_deputies(before, before.start_date)
    assert late in services.sitting_deputies(after, after.start_date)
    with pytest.raises(ValidationError) as refused:
        _row(before, late).full_clean()
    assert refused.value.message_dict == {
        "deputy": [
            "Ngày 10/05/2023 người này chưa (hoặc không còn) là đại biểu nên không thuộc "
            "diện dự kỳ họp này."
        ]
    }
    _row(after, late).full_clean()


def test_a_seat_that_ended_is_not_expected_after(ward):
    (gone,) = deputies(ward, 1, ended_on=D(2023, 6, 30))
    later = sitting(ward, 1, D(2023, 9, 1))
    with pytest.raises(ValidationError) as refused:
        _row(later, gone).full_clean()
    assert set(refused.value.message_dict) == {"deputy"}
    assert gone not in services.sitting_deputies(later, later.start_date)


def test_a_deputy_of_another_council_is_refused(ward):
    other = council("att-other")
    (stranger,) = deputies(other, 1)
    with pytest.raises(ValidationError) as refused:
        _row(sitting(ward, 1, D(2023, 5, 10)), stranger).full_clean()
    assert refused.value.message_dict == {
        "deputy": ["Đại biểu này không thuộc nhiệm kỳ của kỳ họp."]
    }


def test_leave_needs_a_reason_and_several_days_need_the_day(ward):
    deputy = ward.terms.get().deputies.first()
    one_day = sitting(ward, 1, D(2023, 5, 10))
    with pytest.raises(ValidationError) as refused:
        _row(one_day, deputy, "excused").full_clean()
    assert refused.value.message_dict == {"reason": ["Vắng có lý do thì phải ghi lý do."]}
    row = _row(one_day, deputy, "excused", reason="Ốm")
    row.full_clean()
    assert row.sitting_day == one_day.start_date  # a session of one day: its date
    two_days = sitting(ward, 2, D(2023, 7, 12), D(2023, 7, 13))
    with pytest.raises(ValidationError) as refused:
        _row(two_days, deputy).full_clean()
    assert set(refused.value.message_dict) == {"sitting_day"}
    with pytest.raises(ValidationError) as refused:
        _row(two_days, deputy, day=D(2023, 7, 14)).full_clean()
    assert refused.value.message_dict["sitting_day"] == [
        "Ngày họp phải nằm trong thời gian kỳ họp (12/07/2023 – 13/07/2023)."
    ]
    _save(_row(two_days, deputy, day=D(2023, 7, 13)))
    with pytest.raises(ValidationError) as refused:
        _row(two_days, deputy, day=D(2023, 7, 13)).full_clean()
    assert refused.value.message_dict == {
        "deputy": ["Đã điểm danh đại biểu này trong ngày họp đó."]
    }


def test_the_service_saves_all_rows_or_none(ward):
    session = sitting(ward, 1, D(2023, 5, 10))
    first, second, third = services.sitting_deputies(session, session.start_date)
    entries = {first.pk: ("in_person", ""), second.pk: ("excused", ""), third.pk: ("online", "")}
    with pytest.raises(ValidationError) as refused:
        services.attendance_record(session=session, day=session.start_date, entries=entries)
    assert refused.value.message_dict == {str(second.pk): ["Vắng có lý do thì phải ghi lý do."]}
    assert not Attendance.objects.filter(session=session).exists()
    entries[second.pk] = ("excused", "Đi công tác")
    assert services.attendance_record(session=session, day=session.start_date, entries=entries) == 3
    # Again: nothing changes, nothing is written (no empty audit entry).
    history = Attendance.history.count()
    assert services.attendance_record(session=session, day=session.start_date, entries=entries) == 0
    assert Attendance.history.count() == history
    entries[third.pk] = ("", "")  # back to "not recorded"
    assert services.attendance_record(session=session, day=session.start_date, entries=entries) == 1
    assert set(Attendance.objects.filter(session=session).values_list("deputy", flat=True)) == {
        first.pk,
        second.pk,
    }


# The year's counts ---------------------------------------------------------------------

SESSIONS = [  # (start, end): two across a year's end, one of two days
    (D(2022, 12, 30), D(2023, 1, 2)),
    (D(2023, 3, 10), None),
    (D(2023, 6, 20), D(2023, 6, 21)),
    (D(2023, 12, 30), D(2024, 1, 2)),
    (D(2024, 3, 1), None),
]
STATUSES = ["in_person", "online", "excused", "absent", None, "in_person", "absent"]


def _tree():
    district = council("att-d", level=CouncilLevel.DISTRICT)
    places = [district, *[council(f"att-w{i}", parent=district) for i in range(2)]]
    for n, place in enumerate(places):
        deputies(place, 4 + n)
        deputies(place, 1, started_on=D(2023, 7, 1))
        deputies(place, 1, ended_on=D(2023, 4, 30))
        (truant,) = deputies(place, 1)
        for number, (start, end) in enumerate(SESSIONS, 1):
            session = sitting(place, number, start, end)
            for d, day in enumerate(services.sitting_days(session)):
                for k, deputy in enumerate(services.sitting_deputies(session, day)):
                    status = STATUSES[(k * 3 + d + number + n) % len(STATUSES)]
                    if deputy == truant and n == 1:
                        status = "absent"  # absent without leave from every session
                    if status:
                        reason = "Có việc riêng" if status == "excused" else ""
                        _save(_row(session, deputy, status, day, reason))
    return district, places


def _oracle(places, year):
    """The counts written out over the rows, in plain Python."""
    counts = dict.fromkeys(("expected", "attended", "excused", "absent"), 0)
    per_deputy = {}
    for place in places:
        for session in Session.objects.filter(council=place):
            if session.start_date.year != year:
                continue
            for deputy in Deputy.objects.filter(term=session.term).select_related("term"):
                if not seated(deputy, session.start_date):
                    continue
                statuses = [
                    row.status for row in Attendance.objects.filter(session=session, deputy=deputy)
                ]
                outcome = (
                    "attended"
                    if any(s in PRESENT for s in statuses)
                    else "excused"
                    if "excused" in statuses
                    else "absent"
                    if statuses
                    else None
                )
                counts["expected"] += 1
                mine = per_deputy.setdefault(deputy.pk, {"expected": 0, "absent": 0})
                mine["expected"] += 1
                if outcome:
                    counts[outcome] += 1
                    mine["absent"] += outcome == "absent"
    counts["not_recorded"] = counts["expected"] - counts["attended"] - counts["excused"]
    counts["not_recorded"] -= counts["absent"]
    counts["rate"] = round(100 * counts["attended"] / counts["expected"], 1)
    counts["absent_all_year"] = sum(
        1 for row in per_deputy.values() if row["expected"] and row["absent"] == row["expected"]
    )
    return counts


@pytest.mark.parametrize("year", [2022, 2023, 2024])
def test_attendance_counts_against_a_plain_count(year):
    district, places = _tree()
    counts = attendance_counts(council=district, year=year)
    assert counts.own == _oracle(places[:1], year)
    assert counts.below == {"commune": _oracle(places[1:], year)}


def test_per_deputy_and_the_absent_from_every_session():
    _district, places = _tree()
    ward = places[1]
    rows = deputy_attendance(council=ward, year=2023)
    oracle = _oracle([ward], 2023)
    assert sum(row["expected"] for row in rows) == oracle["expected"]
    assert sum(row["attended"] for row in rows) == oracle["attended"]
    late = Deputy.objects.get(term__council=ward, started_on=D(2023, 7, 1))
    # Elected on 01/07/2023: the sessions of March and June are not held against them.
    assert next(row for row in rows if row["deputy"] == late.pk)["expected"] == 1
    absent = absent_all_year(council=ward, year=2023)
    assert [row["name"] for row in absent] == ["Đại biểu att-w0 007"]  # the truant
    assert absent[0]["expected"] == absent[0]["absent"] == 3
    assert oracle["absent_all_year"] == 1


# Pages -----------------------------------------------------------------------------------


def _ward_session(place):
    return Session.objects.filter(council=place).order_by("start_date").first()


def test_ward_staff_record_their_own_councils_attendance(ward_a_client, ward_a):
    session = _ward_session(ward_a)
    url = reverse("council_sessions:attendance-record", args=[session.pk])
    response = ward_a_client.get(url)
    assert response.status_code == 200
    seated_now = services.sitting_deputies(session, session.start_date)
    assert [row[0] for row in response.context["form"].rows()] == seated_now
    first, second = seated_now
    data = {f"status_{first.pk}": "online", f"status_{second.pk}": "excused"}
    data.update({f"reason_{first.pk}": "", f"reason_{second.pk}": ""})
    before = Attendance.objects.filter(session=session).values_list("deputy", "status")
    before = sorted(before)
    response = ward_a_client.post(url, data)
    assert response.status_code == 200  # refused, beside the deputy
    assert response.context["form"].errors == {
        f"status_{second.pk}": ["Vắng có lý do thì phải ghi lý do."]
    }
    assert (
        sorted(Attendance.objects.filter(session=session).values_list("deputy", "status")) == before
    )
    data[f"reason_{second.pk}"] = "Ốm, có đơn"
    response = ward_a_client.post(url, data)
    assert response.status_code == 302
    saved = dict(Attendance.objects.filter(session=session).values_list("deputy", "status"))
    assert saved == {first.pk: "online", second.pk: "excused"}


def test_another_councils_session_is_a_404_and_leaders_do_not_record(
    ward_b_staff, leader_client, ward_a
):
    session = _ward_session(ward_a)
    url = reverse("council_sessions:attendance-record", args=[session.pk])
    ward_b = _client_for(ward_b_staff)
    assert ward_b.get(url).status_code == 404
    assert ward_b.post(url, {}).status_code == 404
    assert leader_client.get(url).status_code == 403
    year = reverse("council_sessions:attendance-year", args=[2023])
    assert ward_b.get(year, {"council": "anh-dung"}).status_code == 404
    assert leader_client.get(year, {"council": "anh-dung"}).status_code == 200


def test_the_admin_grid_lists_every_deputy_not_yet_recorded(secretariat_client, ward):
    session = sitting(ward, 1, D(2023, 7, 12), D(2023, 7, 13))
    first = services.sitting_deputies(session, session.start_date)[0]
    _save(_row(session, first, day=session.start_date))
    url = reverse("admin:council_sessions_session_change", args=[session.pk])
    formset = next(
        f.formset
        for f in secretariat_client.get(url).context["inline_admin_formsets"]
        if f.formset.model is Attendance
    )
    assert formset.initial_form_count() == 1
    assert [(f.initial["deputy"], f.initial["sitting_day"]) for f in formset.extra_forms] == [
        (deputy.pk, day) for deputy, day in services.unrecorded(session)
    ]
    assert len(formset.extra_forms) == 3 * 2 - 1


def test_the_admin_add_page_has_no_grid(secretariat_client):
    response = secretariat_client.get(reverse("admin:council_sessions_session_add"))
    assert all(f.formset.model is not Attendance for f in response.context["inline_admin_formsets"])


def _queries(client, url) -> int:
    client.get(url)  # the session's renewal is done with
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("page", ["record", "year", "sessions"])
def test_pages_cost_the_same_queries_for_ten_times_the_data(secretariat_client, page):
    costs = []
    for scale in (1, 10):
        place = council(f"att-q{scale}")
        deputies(place, 3 * scale)
        made = [sitting(place, n, D(2023, 2, 1 + n)) for n in range(1, 1 + 2 * scale)]
        for session in made:
            for deputy in services.sitting_deputies(session, session.start_date):
                _save(_row(session, deputy))
        url = {
            "record": reverse("council_sessions:attendance-record", args=[made[0].pk]),
            "year": reverse("council_sessions:attendance-year", args=[2023])
            + f"?council={place.slug}",
            "sessions": reverse("council_sessions:attendance-sessions") + f"?council={place.slug}",
        }[page]
        costs.append(_queries(secretariat_client, url))
    assert costs[1] <= costs[0], costs


def test_the_counts_take_a_fixed_number_of_queries(django_assert_num_queries):
    district, places = _tree()
    with django_assert_num_queries(4):  # three counts and the levels below
        attendance_counts(council=district, year=2023)
    with django_assert_num_queries(2):
        deputy_attendance(council=places[1], year=2023)


def test_a_session_with_attendance_does_not_move_to_another_council(ward):
    session = sitting(ward, 1, D(2023, 5, 10))
    _save(_row(session, services.sitting_deputies(session, session.start_date)[0]))
    other = council("att-move")
    session.council, session.term = other, other.terms.get()
    session.full_clean()  # the session itself may move; its attendance may not:
    with pytest.raises(ValidationError) as refused:
        session.attendance.get().full_clean()
    assert set(refused.value.message_dict) == {"deputy"}
