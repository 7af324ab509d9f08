"""The deputies' work in the year exchange: attendance, votes and roll calls, citizen
reception and its cases, meetings with voters and their petitions, and a mid-term
deputy's start; round trip into a fresh state, the citizens' personal data only on
request, an unchanged file imported unchanged, a vote that does not add up refused."""

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from councilwork.models import Body, Council, Deputy, Person
from councilwork.models.numbering import IssuedNumber, NumberCounter
from exchange.jsonfile import read_json
from exchange.load import ImportErrors, load
from sessions.attendance import Attendance
from sessions.models import Resolution, Session
from sessions.votes import RollCallVote, Vote
from tests.work_factories import council as make_council
from voters.models import ReceptionCase, ReceptionDay, VoterMeeting, VoterPetition

pytestmark = pytest.mark.django_db

D = dt.date
SLUG, YEAR = "lv-phuong", 2024
BODY = "Thường trực HĐND lv-phuong"
# Full names and mandate starts: the last one was elected mid-term.
PEOPLE = [("Lê Làm Việc Một", None), ("Trần Làm Việc Hai", None), ("Phạm Làm Việc Ba", None),
          ("Vũ Làm Việc Bốn", D(2024, 5, 1))]  # fmt: skip
NAMES = [name for name, _start in PEOPLE]
# number, start, end
SESSIONS = [(1, D(2024, 3, 10), D(2024, 3, 11)), (2, D(2024, 7, 5), D(2024, 7, 5))]
RESOLUTION = (2, 1, D(2024, 7, 5), "Về kế hoạch năm 2025")  # session, number, adopted, title
# session, deputy, day, status, reason (the mid-term deputy only at the second session)
ATTENDANCE = [
    (1, NAMES[0], D(2024, 3, 10), "in_person", ""),
    (1, NAMES[0], D(2024, 3, 11), "online", ""),
    (1, NAMES[1], D(2024, 3, 10), "excused", "Đi công tác"),
    (1, NAMES[2], D(2024, 3, 11), "absent", ""),
    *((2, name, D(2024, 7, 5), "in_person", "") for name in NAMES),
]
# session, resolution number, subject, day, two thirds, deputies, for, against, abstain, not
VOTES = [
    (2, 1, "", D(2024, 7, 5), False, 4, 3, 0, 1, 0),
    (1, None, "Dự thảo nghị quyết về phí", D(2024, 3, 11), True, 3, 1, 2, 0, 0),
]
ROLL_CALL = [(NAMES[0], "for"), (NAMES[1], "for"), (NAMES[2], "abstain"), (NAMES[3], "for")]
# body?, date, place, deputies present, citizens, note
DAYS = [
    (True, D(2024, 4, 15), "Trụ sở tiếp công dân", NAMES[:2], 5, "Thường trực tiếp"),
    (False, D(2024, 6, 1), "Nhà văn hóa tổ 2", [NAMES[3]], 2, ""),
]
PERSONAL = ("citizen_name", "citizen_address", "citizen_contact")
# day's date, kind, field, summary, name, address, contact, forwarded to, deadline,
# reply number, reply date, reply summary, status
CASES = [
    (D(2024, 4, 15), "complaint", "Đất đai", "Khiếu nại thu hồi đất", "Nguyễn Công Dân",
     "Số 5 ngõ 3", "0900000001", "UBND phường", D(2024, 5, 15), "12/UBND", D(2024, 5, 10),
     "Đã giải quyết", "answered"),
    (D(2024, 4, 15), "petition", "Chính sách", "Đề nghị trợ cấp", "Trần Thị Dân", "Tổ 4", "",
     "Phòng LĐTBXH", D(2024, 5, 30), "", None, "", "forwarded"),
    (D(2024, 6, 1), "reflection", "Môi trường", "Phản ánh rác thải", "", "", "", "", None, "",
     None, "", "guided"),
]  # fmt: skip
# timing, session, date, place, deputies present, voters
MEETINGS = [
    ("before", 2, D(2024, 6, 20), "Hội trường tổ 1", [NAMES[0], NAMES[3]], 80),
    ("thematic", None, D(2024, 9, 1), "Hội trường tổ 2", [NAMES[2]], 40),
]
# meeting's date, field, content, agency, forwarded, deadline, answer number, date,
# content, status, re-supervise
PETITIONS = [
    (D(2024, 6, 20), "Hạ tầng", "Sửa đường tổ 1", "UBND phường", D(2024, 7, 1), D(2024, 8, 1),
     "45/UBND", D(2024, 7, 20), "Đã sửa", "resolved", False),
    (D(2024, 6, 20), "Điện", "Lắp đèn đường", "UBND phường", D(2024, 7, 1), D(2024, 8, 1), "",
     None, "", "pending", True),
    (D(2024, 9, 1), "Giáo dục", "Xây thêm lớp", "Phòng GD", None, None, "", None, "",
     "pending", False),
]  # fmt: skip


def build() -> None:
    place = make_council(SLUG)
    term = place.terms.get()
    body = Body.objects.create(council=place, name=BODY, kind="standing_committee")
    deputy = {}
    for name, start in PEOPLE:
        person = Person.objects.create(full_name=name)
        deputy[name] = Deputy.objects.create(person=person, term=term, started_on=start)
    session = {
        number: Session.objects.create(council=place, term=term, number=number, kind="regular",
                                       start_date=start, end_date=end)
        for number, start, end in SESSIONS
    }  # fmt: skip
    at, number, adopted, title = RESOLUTION
    resolution = Resolution.objects.create(
        council=place, session=session[at], number=number, adopted_on=adopted, title=title
    )
    for at, name, day, status, reason in ATTENDANCE:
        _saved(Attendance(session=session[at], deputy=deputy[name], sitting_day=day,
                          status=status, reason=reason))  # fmt: skip
    votes = []
    for at, adopted_number, subject, day, two_thirds, *counts in VOTES:
        numbers = dict(zip(("deputies", "votes_for", "votes_against", "abstentions",
                            "not_voting"), counts, strict=True))  # fmt: skip
        votes.append(_saved(Vote(session=session[at], subject=subject, voted_on=day,
                                 resolution=resolution if adopted_number else None,
                                 two_thirds=two_thirds, **numbers)))  # fmt: skip
    for name, choice in ROLL_CALL:
        _saved(RollCallVote(vote=votes[0], deputy=deputy[name], choice=choice))
    days = {}
    for held_by_body, date, place_name, present, citizens, note in DAYS:
        days[date] = _saved(ReceptionDay(council=place, body=body if held_by_body else None,
                                         date=date, place=place_name, citizens=citizens,
                                         note=note))  # fmt: skip
        days[date].deputies.set([deputy[name] for name in present])
    for date, *fields in CASES:
        _saved(ReceptionCase(day=days[date], **dict(zip(CASE_FIELDS, fields, strict=True))))
    meetings = {}
    for timing, at, date, place_name, present, voters in MEETINGS:
        meetings[date] = _saved(VoterMeeting(council=place, timing=timing, date=date,
                                             session=session.get(at), place=place_name,
                                             voters=voters))  # fmt: skip
        meetings[date].deputies.set([deputy[name] for name in present])
    for date, *fields in PETITIONS:
        _saved(VoterPetition(meeting=meetings[date],
                             **dict(zip(PETITION_FIELDS, fields, strict=True))))  # fmt: skip


CASE_FIELDS = ("kind", "field", "summary", *PERSONAL, "forwarded_to", "deadline",
               "reply_number", "reply_date", "reply_summary", "status")  # fmt: skip
PETITION_FIELDS = ("field", "content", "agency", "forwarded_on", "deadline", "answer_number",
                   "answer_date", "answer_content", "status", "re_supervise")  # fmt: skip


def _saved(record):
    record.full_clean()
    record.save()
    return record


def expected(*, personal: bool) -> dict[str, set]:
    """Every record as plain tuples, from the lists above alone."""
    numbers = {number for _s, number, *_rest in [RESOLUTION]}

    def case(row):
        shown = dict(zip(("date", *CASE_FIELDS), row, strict=True))
        if not personal:
            shown.update(dict.fromkeys(PERSONAL, ""))
        return tuple(shown.values())

    return {
        "deputies": set(PEOPLE),
        "attendance": set(ATTENDANCE),
        "votes": {(v[0], v[1] if v[1] in numbers else None, *v[2:]) for v in VOTES},
        "roll_call": {(VOTES[0][3], *row) for row in ROLL_CALL},
        "days": {
            (BODY if b else None, d, p, tuple(sorted(n)), c, note) for b, d, p, n, c, note in DAYS
        },
        "cases": {case(row) for row in CASES},
        "meetings": {(t, s, d, p, tuple(sorted(n)), v) for t, s, d, p, n, v in MEETINGS},
        "petitions": set(PETITIONS),
    }


def _present(record) -> tuple:
    return tuple(sorted(record.deputies.values_list("person__full_name", flat=True)))


def stored() -> dict[str, set]:
    """The same records, read back from the database."""
    mine = {"council__slug": SLUG}
    return {
        "deputies": set(Deputy.objects.filter(term__council__slug=SLUG).values_list(
            "person__full_name", "started_on")),
        "attendance": set(Attendance.objects.filter(session__council__slug=SLUG).values_list(
            "session__number", "deputy__person__full_name", "sitting_day", "status", "reason")),
        "votes": set(Vote.objects.filter(session__council__slug=SLUG).values_list(
            "session__number", "resolution__number", "subject", "voted_on", "two_thirds",
            "deputies", "votes_for", "votes_against", "abstentions", "not_voting")),
        "roll_call": set(RollCallVote.objects.filter(vote__session__council__slug=SLUG)
                         .values_list("vote__voted_on", "deputy__person__full_name", "choice")),
        "days": {(d.body.name if d.body else None, d.date, d.place, _present(d), d.citizens,
                  d.note) for d in ReceptionDay.objects.filter(**mine)},
        "cases": set(ReceptionCase.objects.filter(day__council__slug=SLUG).values_list(
            "day__date", *CASE_FIELDS)),
        "meetings": {(m.timing, m.session.number if m.session else None, m.date, m.place,
                      _present(m), m.voters) for m in VoterMeeting.objects.filter(**mine)},
        "petitions": set(VoterPetition.objects.filter(meeting__council__slug=SLUG).values_list(
            "meeting__date", *PETITION_FIELDS)),
    }  # fmt: skip


def wipe() -> None:
    """A fresh state: the test's council and everything of it, gone."""
    RollCallVote.objects.filter(vote__session__council__slug=SLUG).delete()
    Vote.objects.filter(session__council__slug=SLUG).delete()
    Attendance.objects.filter(session__council__slug=SLUG).delete()
    VoterPetition.objects.filter(meeting__council__slug=SLUG).delete()
    VoterMeeting.objects.filter(council__slug=SLUG).delete()
    ReceptionCase.objects.filter(day__council__slug=SLUG).delete()
    ReceptionDay.objects.filter(council__slug=SLUG).delete()
    Resolution.objects.filter(council__slug=SLUG).delete()
    Session.objects.filter(council__slug=SLUG).delete()
    Deputy.objects.filter(term__council__slug=SLUG).delete()
    Person.objects.filter(full_name__in=NAMES).delete()
    Body.objects.filter(council__slug=SLUG).delete()
    place = Council.objects.get(slug=SLUG)
    IssuedNumber.objects.filter(council=place).delete()  # the resolution's number
    NumberCounter.objects.filter(council=place).delete()
    place.terms.all().delete()
    place.delete()


def export(path: Path, *args) -> Path:
    call_command("export_year", str(YEAR), "--council", SLUG, *args, output=str(path),
                 stdout=io.StringIO())  # fmt: skip
    return path


def import_file(path: Path) -> None:
    call_command("import_year", str(path), stdout=io.StringIO(), stderr=io.StringIO())


def load_json(data: dict):
    return load(*read_json(json.dumps(data, ensure_ascii=False, default=str).encode()))


@pytest.mark.parametrize("suffix", ["json", "xlsx"])
def test_round_trip_into_a_fresh_state_keeps_every_field_but_the_personal_data(tmp_path, suffix):
    build()
    assert stored() == expected(personal=True)
    path = export(tmp_path / f"year.{suffix}")
    wipe()
    import_file(path)
    assert stored() == expected(personal=False)


def test_with_the_flag_the_personal_data_travel_too(tmp_path):
    build()
    path = export(tmp_path / "year.json", "--with-personal-data")
    wipe()
    import_file(path)
    assert stored() == expected(personal=True)


def test_without_the_flag_no_personal_data_is_in_the_file(tmp_path):
    build()
    plain = export(tmp_path / "plain.json").read_text(encoding="utf-8")
    full = export(tmp_path / "full.json", "--with-personal-data").read_text(encoding="utf-8")
    values = {v for row in CASES for v in row[4:7] if v}
    assert values and not any(value in plain for value in values)
    assert all(value in full for value in values)
    rows = json.loads(plain)["sheets"]["reception_cases"]
    assert len(rows) == len(CASES)
    assert all(row[column] is None for row in rows for column in PERSONAL)


def test_an_unchanged_file_imports_unchanged_and_keeps_the_stored_personal_data(tmp_path):
    build()
    for args in ((), ("--with-personal-data",)):
        data = json.loads(export(tmp_path / "year.json", *args).read_text(encoding="utf-8"))
        report = load_json(data)
        for name, rows in data["sheets"].items():
            counts = report.counts[name]
            assert (counts.created, counts.updated, counts.unchanged) == (0, 0, len(rows)), name
        assert stored() == expected(personal=True)


def test_a_changed_list_of_deputies_is_an_update(tmp_path):
    build()
    data = json.loads(export(tmp_path / "year.json").read_text(encoding="utf-8"))
    row = next(r for r in data["sheets"]["voter_meetings"] if r["date"] == "2024-09-01")
    row["deputies"] = f"{NAMES[1]}; {NAMES[0]}"
    assert load_json(data).counts["voter_meetings"].updated == 1
    meeting = VoterMeeting.objects.get(council__slug=SLUG, date=D(2024, 9, 1))
    assert _present(meeting) == tuple(sorted(NAMES[:2]))


def _refused(data: dict, sheet: str, row: int, column: str) -> str:
    before = stored()
    with pytest.raises(ImportErrors) as caught:
        load_json(data)
    (error,) = caught.value.errors
    assert (error.sheet, error.row, error.column) == (sheet, row, column)
    assert stored() == before  # nothing written
    return str(error)


def test_a_vote_that_does_not_add_up_is_refused_naming_sheet_row_and_column(tmp_path):
    build()
    data = json.loads(export(tmp_path / "year.json").read_text(encoding="utf-8"))
    votes = data["sheets"]["votes"]
    number = next(i for i, r in enumerate(votes, start=1) if r["subject"] == VOTES[1][2])
    votes[number - 1]["not_voting"] = 1
    message = _refused(data, "votes", number, "not_voting")
    assert "Trang “votes”" in message and f"dòng {number}" in message


def test_attendance_of_a_deputy_not_yet_seated_is_refused(tmp_path):
    build()
    data = json.loads(export(tmp_path / "year.json").read_text(encoding="utf-8"))
    rows = data["sheets"]["attendance"]
    rows.append({**rows[0], "deputy": NAMES[3], "sitting_day": "2024-03-10"})  # before May
    _refused(data, "attendance", len(rows), "deputy")


def test_a_deputy_present_who_holds_no_seat_that_day_is_refused(tmp_path):
    build()
    data = json.loads(export(tmp_path / "year.json").read_text(encoding="utf-8"))
    rows = data["sheets"]["reception_days"]
    number = next(i for i, r in enumerate(rows, start=1) if r["date"] == "2024-04-15")
    rows[number - 1]["deputies"] = f"{NAMES[0]}; {NAMES[3]}"  # the fourth is seated from May
    message = _refused(data, "reception_days", number, "deputies")
    assert NAMES[3] in message
