"""A district's year typed into the template as a secretary would, imported, and its figures.

The workbook is filled with openpyxl only in the cells a person types: columns found
by their codes (the hidden row 2 of a version-2 template, else row 1), choices as the
Vietnamese words people use, dates as dates or as dd/mm/yyyy text, a term's start date
never repeated (each session's, resolution's, deputy's and membership's term is the one
its date falls in), resolution numbers as written on the document ("01/NQ-HĐND"). The
counts year_summary prints are compared with counts made here from the rows typed.
"""

import datetime as dt
import io
import json
from collections import Counter
from pathlib import Path

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from exchange.spec import BY_NAME

pytestmark = pytest.mark.django_db

YEAR = 2023
DISTRICT = "quan-hoa-binh"
WARDS = ("phuong-an-lac", "phuong-binh-minh")
COUNCILS = (DISTRICT, *WARDS)
NAMES = {DISTRICT: "quận Hòa Bình", WARDS[0]: "phường An Lạc", WARDS[1]: "phường Bình Minh"}
TERM_STARTS = {DISTRICT: dt.date(2021, 6, 25), WARDS[0]: dt.date(2021, 6, 28)}
TERM_STARTS[WARDS[1]] = dt.date(2021, 6, 29)
# What the secretary types for a choice, per code: the Vietnamese label, or what
# people write instead (any case, with or without diacritics).
LABELS = {
    "district": "Cấp huyện (quận, huyện)",
    "commune": "Cấp xã (phường, xã)",
    "standing_committee": "Thường trực HĐND",
    "committee": "Ban HĐND",
    "male": "Nam",
    "female": "Nữ",
    "chair": "Chủ tịch",
    "member": "Thành viên",
    "regular": "Thường lệ",
    "thematic": "Chuyên đề",
    "oversight_thematic": "Giám sát chuyên đề",
    "survey": "Khảo sát",
    "interpellation": "Phiên chất vấn giữa hai kỳ họp",
    "interpellation_at_session": "Phiên chất vấn tại kỳ họp",
    "done": "Đã thực hiện",
    "in_progress": "Đang giải quyết",
    "giay_khen": "Giấy khen",
    "yes": "Có",
    "no": "Không",
}
SYNONYMS = {
    **LABELS,
    "district": "Quận",
    "commune": "phường",
    "standing_committee": "Thường trực",
    "committee": "Ban",
    "female": "nu",
    "chair": "Chủ tịch HĐND",
    "member": "Ủy viên",
    "regular": "Thường kỳ",
    "thematic": "KỲ HỌP CHUYÊN ĐỀ",
    "oversight_thematic": "Chuyên đề",
    "survey": "Đoàn khảo sát",
    "interpellation": "Chất vấn",
    "interpellation_at_session": "phiên chất vấn tại kỳ họp",
    "done": "Hoàn thành",
    "in_progress": "Đang thực hiện",
    "giay_khen": "Giấy khen của Chủ tịch UBND quận",
    "yes": "x",
    "no": "không",
}

# The year, as the test's own lists: (council, number, kind, opening day, paperless).
SESSIONS = [
    (DISTRICT, 8, "thematic", dt.date(2023, 3, 16), True),
    (DISTRICT, 9, "regular", dt.date(2023, 7, 12), False),
    (WARDS[0], 7, "regular", dt.date(2023, 7, 5), True),
    (WARDS[1], 6, "regular", dt.date(2023, 7, 6), False),
]
# (council, session number, resolution number, adopted on): numbered per council and year.
RESOLUTIONS = [
    *((DISTRICT, 8, n, dt.date(2023, 3, 16)) for n in (1, 2)),
    *((DISTRICT, 9, n, dt.date(2023, 7, 13)) for n in (3, 4, 5, 6)),
    *((WARDS[0], 7, n, dt.date(2023, 7, 5)) for n in (1, 2)),
    *((WARDS[1], 6, n, dt.date(2023, 7, 6)) for n in (1, 2)),
]
# (council, title, start, kind): the district's thematic oversight and interpellation.
OVERSIGHT = [
    (DISTRICT, "Giám sát công tác giải phóng mặt bằng", dt.date(2023, 4, 10), "thematic"),
    (DISTRICT, "Chất vấn về quản lý trật tự đô thị", dt.date(2023, 10, 18), "interpellation"),
    (WARDS[0], "Khảo sát vệ sinh an toàn thực phẩm", dt.date(2023, 5, 8), "survey"),
    (WARDS[1], "Chất vấn về thu gom rác thải", dt.date(2023, 7, 6), "interpellation_at_session"),
]
RECOMMENDATIONS = [
    (OVERSIGHT[0], "UBND quận Hòa Bình", "Hoàn thành bàn giao mặt bằng dự án", "done"),
    (OVERSIGHT[0], "Phòng Tài nguyên và Môi trường", "Rà soát hồ sơ bồi thường", "in_progress"),
    (OVERSIGHT[1], "Đội Quản lý trật tự đô thị", "Xử lý lấn chiếm vỉa hè", "done"),
]
CHAIRS = {DISTRICT: "Phạm Văn Hùng", WARDS[0]: "Nguyễn Thị Lan", WARDS[1]: "Trần Minh Đức"}
MEMBERS = {DISTRICT: ("Lê Thị Hà", "female"), WARDS[0]: ("Vũ Văn Nam", "male")}
DECISION = ("UBND quận Hòa Bình", "25/QĐ-UBND", dt.date(2024, 1, 18))  # for 2023's work
# (kind, recipient): to a person, and to a ward's standing committee (a collective).
AWARDS = [("person", CHAIRS[WARDS[0]]), ("body", (WARDS[1], "standing_committee"))]


def standing(council: str) -> str:
    return f"Thường trực HĐND {NAMES[council]}"


def committee(council: str) -> str:
    return f"Ban Kinh tế - Xã hội HĐND {NAMES[council]}"


def typed_rows(word: dict[str, str]) -> dict[str, list[dict]]:
    """Per sheet, the cells a secretary types (by code), choices in ``word``."""
    rows: dict[str, list[dict]] = {name: [] for name in BY_NAME}
    for council in COUNCILS:
        ward = council != DISTRICT
        rows["councils"].append(
            {"slug": council, "name": f"HĐND {NAMES[council]}", "short_name": NAMES[council][7:],
             "level": word["commune" if ward else "district"],
             "parent": DISTRICT if ward else None}
        )  # fmt: skip
        start = TERM_STARTS[council]
        rows["terms"].append(
            {"council": council, "start_date": start.strftime("%d/%m/%Y"), "name": "2021–2026",
             "end_date": dt.datetime(2026, 6, 30)}
        )  # fmt: skip
        rows["bodies"].append(
            {"council": council, "name": standing(council), "kind": word["standing_committee"]}
        )
        people = [(CHAIRS[council], "male" if council != WARDS[0] else "female", "chair")]
        if council in MEMBERS:
            rows["bodies"].append(
                {"council": council, "name": committee(council), "kind": word["committee"]}
            )
            people.append((*MEMBERS[council], "member"))
        for person, gender, role in people:
            rows["people"].append({"full_name": person, "gender": word[gender]})
            rows["deputies"].append(
                {"person": person, "council": council, "constituency": "Đơn vị bầu cử số 1"}
            )
            body = standing(council) if role == "chair" else committee(council)
            rows["memberships"].append(
                {"person": person, "council": council, "body": body, "role": word[role],
                 "start_date": start + dt.timedelta(days=1)}
            )  # fmt: skip
    for council, number, kind, day, paperless in SESSIONS:
        rows["sessions"].append(
            {"council": council, "number": number, "kind": word[kind],
             "title": f"Kỳ họp thứ {number}", "start_date": day.strftime("%d/%m/%Y"),
             "end_date": day + dt.timedelta(days=1),
             "paperless": word["yes" if paperless else "no"]}
        )  # fmt: skip
    for index, (council, session, number, day) in enumerate(RESOLUTIONS):
        written = f"{number:02d}/NQ-HĐND" if index % 3 else f"Số {number:02d}/NQ-HĐND"
        rows["resolutions"].append(
            {"council": council, "session_number": session, "number": written,
             "adopted_on": day if index % 2 else day.strftime("%d/%m/%Y"),
             "title": f"Nghị quyết số {number} năm {YEAR}"}
        )  # fmt: skip
    for council, title, day, kind in OVERSIGHT:
        rows["oversight_activities"].append(
            {"council": council, "title": title, "start_date": day,
             "end_date": day + dt.timedelta(days=2),
             "kind": word["oversight_thematic" if kind == "thematic" else kind],
             "conducted_by": standing(council), "subject": f"UBND {NAMES[council]}"}
        )  # fmt: skip
    for (council, title, day, _kind), agency, content, status in RECOMMENDATIONS:
        rows["recommendations"].append(
            {"council": council, "activity_title": title, "activity_start_date": day,
             "responsible_agency": agency, "content": content, "status": word[status],
             "deadline": dt.date(2023, 12, 31),
             **({"completed_on": dt.date(2023, 11, 30), "response_number": "112/BC-UBND",
                 "response_date": "30/11/2023"} if status == "done" else {})}
        )  # fmt: skip
    issuer, number, day = DECISION
    rows["award_decisions"].append(
        {"issuing_authority": issuer, "number": number, "decision_date": day, "year": YEAR,
         "council": DISTRICT, "kind": word["giay_khen"],
         "title": f"Về việc tặng Giấy khen năm {YEAR}"}
    )  # fmt: skip
    for kind, recipient in AWARDS:
        award = {"decision_issuing_authority": issuer, "decision_number": number,
                 "decision_date": day.strftime("%d/%m/%Y"),
                 "achievement": f"Có thành tích xuất sắc năm {YEAR}"}  # fmt: skip
        if kind == "person":
            award["recipient_person"] = recipient
        else:
            award["recipient_body_council"] = recipient[0]
            award["recipient_body"] = standing(recipient[0])
        rows["awards"].append(award)
    return {name: sheet_rows for name, sheet_rows in rows.items() if sheet_rows}


def fill_template(path: Path, rows: dict[str, list[dict]]) -> Path:
    """The template, with ``rows`` typed below its header (an example row deleted first)."""
    template = path.with_name("template.xlsx")
    call_command("export_year", template=True, output=str(template), stdout=io.StringIO())
    workbook = load_workbook(template)
    for name, sheet_rows in rows.items():
        worksheet = workbook[name]
        codes_row = 2 if _holds_codes(worksheet, 2, name) else 1
        assert _holds_codes(worksheet, codes_row, name), name
        column_of = {cell.value: cell.column for cell in worksheet[codes_row] if cell.value}
        first = codes_row + 1
        if worksheet.max_row >= first:
            worksheet.delete_rows(first, worksheet.max_row - first + 1)  # the example row
        for offset, row in enumerate(sheet_rows):
            for code, value in row.items():
                if value is not None:
                    worksheet.cell(first + offset, column_of[code], value)
    workbook.save(path)
    return path


def _holds_codes(worksheet, number: int, name: str) -> bool:
    values = {cell.value for cell in worksheet[number] if cell.value is not None}
    return bool(values) and values <= set(BY_NAME[name].columns)


def summary(council: str) -> dict:
    out = io.StringIO()
    call_command("year_summary", str(YEAR), council=council, json=True, stdout=out)
    return json.loads(out.getvalue())


def sessions_of(councils) -> dict[str, int]:
    kinds = Counter(kind for council, _n, kind, _d, _p in SESSIONS if council in councils)
    return {
        "total": sum(kinds.values()),
        "regular": kinds["regular"],
        "thematic": kinds["thematic"],
    }


def oversight_of(councils) -> dict[str, int]:
    kinds = Counter(kind for council, _t, _d, kind in OVERSIGHT if council in councils)
    names = ("thematic", "regular", "survey", "interpellation", "interpellation_at_session")
    return {"total": sum(kinds.values()), **{name: kinds[name] for name in names}}


def resolutions_of(councils) -> int:
    return sum(1 for council, *_rest in RESOLUTIONS if council in councils)


def no_term_start_typed(rows: dict[str, list[dict]]) -> None:
    """The point of the exercise: no row repeats a term's start date or a symbol."""
    for name, sheet_rows in rows.items():
        for row in sheet_rows:
            assert not {"term_start", "session_term_start", "symbol"} & set(row), name


@pytest.mark.parametrize(
    "words",
    [
        pytest.param(LABELS, id="labels"),
        pytest.param(SYNONYMS, id="synonyms"),
    ],
)
def test_a_district_year_typed_into_the_template(tmp_path, words):
    rows = typed_rows(words)
    no_term_start_typed(rows)
    path = fill_template(tmp_path / "hoa-binh-2023.xlsx", rows)
    call_command("import_year", str(path), stdout=io.StringIO(), stderr=io.StringIO())

    district = summary(DISTRICT)
    assert district["council_sessions"] == sessions_of({DISTRICT})
    assert district["council_resolutions"] == resolutions_of({DISTRICT})
    assert district["council_oversight"] == oversight_of({DISTRICT})
    wards = district["below"]["commune"]
    assert wards["councils"] == len(WARDS)
    assert wards["sessions"] == sessions_of(WARDS)
    assert wards["resolutions"] == resolutions_of(WARDS)
    assert wards["oversight"] == oversight_of(WARDS)
    people = [recipient for kind, recipient in AWARDS if kind == "person"]
    assert district["awards"] == {
        "collective": len(AWARDS) - len(people),
        "individual": len(people),
        "individual_people": len(set(people)),
    }
    for ward in WARDS:
        figures = summary(ward)
        assert figures["council_sessions"] == sessions_of({ward})
        assert figures["council_resolutions"] == resolutions_of({ward})
        assert figures["council_oversight"] == oversight_of({ward})
        assert figures["below"] == {}
    received = summary(WARDS[1])["received"]
    assert received["collective"] == sum(1 for kind, r in AWARDS if kind == "body")


def test_the_typed_numbers_and_terms_are_stored_as_the_document_writes_them(tmp_path):
    from councilwork.models import Deputy, Membership
    from sessions.models import Resolution, Session

    path = fill_template(tmp_path / "hoa-binh-2023.xlsx", typed_rows(LABELS))
    call_command("import_year", str(path), stdout=io.StringIO(), stderr=io.StringIO())

    stored = Resolution.objects.filter(council__slug__in=COUNCILS)
    expected = {(c, f"{n:02d}/NQ-HĐND") for c, _s, n, _d in RESOLUTIONS}
    assert {(r.council.slug, r.code) for r in stored} == expected
    seats = {
        Session: ("council__slug", "term__start_date"),
        Deputy: ("term__council__slug", "term__start_date"),
        Membership: ("deputy__term__council__slug", "deputy__term__start_date"),
    }
    for model, (council, start) in seats.items():
        terms = list(
            model.objects.filter(**{f"{council}__in": COUNCILS}).values_list(council, start)
        )
        assert terms and all(start == TERM_STARTS[slug] for slug, start in terms), model
