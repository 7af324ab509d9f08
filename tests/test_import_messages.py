"""Import messages that say how to fix: choices typed as people type them, every error of
a file at once (sheet, row, Vietnamese column, value as typed, dd/mm/yyyy dates), the
achievement-year warning, and what a dry run would do, per sheet."""

import io
import json
import unicodedata
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from awards.models import AwardDecision
from councilwork.models import Council, Term
from exchange import FORMAT, VERSION
from exchange.jsonfile import read_json
from exchange.load import ImportErrors, RowError, load
from exchange.rows import parse_row
from exchange.spec import BY_NAME, SHEETS
from exchange.synonyms import SYNONYMS, field_key
from exchange.values import BOOL, choice_code, parse
from sessions.models import Resolution, Session

SLUG = "phuong-thu-nhap"

# Every choice field the sheets hold, by the synonyms table's key.
FIELDS = {
    field_key(sheet.field_of(column)): sheet.field_of(column)
    for sheet in SHEETS
    for column in sheet.columns
    if sheet.field_of(column).choices
}


def bare(text: str) -> str:
    """Typed without diacritics, as on a keyboard without Vietnamese input."""
    decomposed = unicodedata.normalize("NFD", text).replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in decomposed if not unicodedata.combining(c))


TABLE = [
    (key, code, synonym)
    for key, codes in SYNONYMS.items()
    for code, synonyms in codes.items()
    for synonym in synonyms
]
# The examples and what a secretary types, by hand (not from the table).
EXAMPLES = [
    ("Session.kind", "Thường kỳ", "regular"),
    ("Session.kind", "Thường lệ", "regular"),
    ("Session.kind", "Bất thường", "thematic"),
    ("Session.kind", "Chuyên đề", "thematic"),
    ("Council.level", "Quận", "district"),
    ("Council.level", "Cấp huyện", "district"),
    ("Council.level", "Thành phố thuộc tỉnh", "district"),
    ("Council.level", "Phường", "commune"),
    ("Council.level", "Thị trấn", "commune"),
    ("Council.level", "Thành phố trực thuộc trung ương", "province"),
    ("OversightActivity.kind", "Chất vấn", "interpellation"),
    ("OversightActivity.kind", "Phiên chất vấn", "interpellation"),
    ("OversightActivity.kind", "Chất vấn tại kỳ họp", "interpellation_at_session"),
    ("OversightActivity.kind", "chat van va tra loi chat van", "interpellation_at_session"),
    ("AwardDecision.kind", "Giấy khen của Chủ tịch UBND quận", "giay_khen"),
    ("AwardDecision.kind", "Giấy khen", "giay_khen"),
    ("AwardDossier.kind", "Bằng khen của Chủ tịch UBND thành phố", "bang_khen"),
    ("Person.gender", "Nam", "male"),
    ("Person.gender", "Nữ", "female"),
    ("VoterPetition.status", "Đã trả lời", "answered"),
    ("VoterPetition.status", "Đã giải quyết", "resolved"),
    ("Recommendation.status", "Đã thực hiện", "done"),
    ("Session.kind", "regular", "regular"),  # the code
    ("Session.kind", "Thematic", "thematic"),  # the English label
]


@pytest.mark.parametrize(("key", "code", "synonym"), TABLE, ids=[f"{k}:{s}" for k, _, s in TABLE])
def test_every_synonym_of_the_table_maps_to_its_code(key, code, synonym):
    field = FIELDS[key]  # the table names a field a sheet holds
    assert code in dict(field.choices)
    for typed in (synonym, synonym.upper(), bare(synonym), f"  {bare(synonym).lower()} "):
        assert choice_code(field, typed) == code, typed


@pytest.mark.parametrize(("key", "typed", "code"), EXAMPLES)
def test_what_a_secretary_types_maps_to_the_code(key, typed, code):
    field = FIELDS[key]
    for variant in (typed, typed.upper(), bare(typed), bare(typed).upper()):
        assert choice_code(field, variant) == code, variant


@pytest.mark.parametrize(
    ("typed", "value"),
    [("Có", True), ("CO", True), ("x", True), ("X", True), ("Đúng", True), ("dung", True),
     ("Không", False), ("KHONG", False), ("Sai", False), ("0", False)],
)  # fmt: skip
def test_yes_and_no_are_read_in_vietnamese_with_or_without_diacritics(typed, value):
    assert parse(BOOL, typed) is value


def _file(tmp_path: Path, **sheets) -> Path:
    path = tmp_path / "nam.json"
    document = {"format": FORMAT, "version": VERSION, "sheets": sheets}
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def _load(path: Path, **options):
    return load(*read_json(path.read_bytes()), **options)


COUNCIL = {"slug": SLUG, "name": "HĐND phường Thử Nhập", "short_name": "Thử Nhập",
           "level": "Phường", "parent": "duong-kinh"}  # fmt: skip
TERM = {"council": SLUG, "start_date": "01/07/2021", "name": "2021–2026",
        "end_date": "30/06/2026"}  # fmt: skip


def _session(number: int, start: str, **changes) -> dict:
    return {"council": SLUG, "term_start": "01/07/2021", "number": number, "kind": "Thường kỳ",
            "title": f"Kỳ họp thứ {number}", "start_date": start, "end_date": start,
            "paperless": "Có", "location": "Hội trường", **changes}  # fmt: skip


def _resolution(number, session: int, adopted: str) -> dict:
    return {"council": SLUG, "session_term_start": "01/07/2021", "session_number": session,
            "number": number, "symbol": "NQ-HĐND", "adopted_on": adopted,
            "title": f"Nghị quyết {number}"}  # fmt: skip


def _stored() -> tuple:
    """What these files could write, counted."""
    return (
        Council.objects.count(),
        Term.objects.count(),
        Session.objects.count(),
        Resolution.objects.count(),
        AwardDecision.objects.count(),
    )


@pytest.mark.django_db
def test_a_refused_choice_lists_the_accepted_vietnamese_labels(tmp_path):
    path = _file(tmp_path, councils=[COUNCIL], terms=[TERM],
                 sessions=[_session(1, "05/01/2023", kind="Thường niên")])  # fmt: skip
    with translation.override("vi"), pytest.raises(ImportErrors) as caught:
        _load(path)
    (error,) = caught.value.errors
    assert (error.sheet, error.row, error.column) == ("sessions", 1, "kind")
    assert "“Thường niên” không phải là giá trị hợp lệ của cột “" in error.message
    assert error.message.endswith("; chọn một trong: Thường lệ, Chuyên đề")


@pytest.mark.django_db
def test_every_bad_cell_of_every_sheet_is_reported_at_once_and_nothing_is_written(tmp_path):
    path = _file(
        tmp_path,
        councils=[COUNCIL, {**COUNCIL, "slug": "xa-thu", "level": "Thôn"}],
        terms=[TERM],
        sessions=[
            _session(1, "31/02/2023", end_date="01/03/2023"),  # no such day
            _session(2, "05/07/2023", paperless="Có lẽ"),
            _session(3, "05/12/2023", kind="Thường niên"),
        ],
        resolutions=[
            _resolution(1, 1, "05/07/2023"),
            _resolution(2, 2, "32/12/2023"),
        ],
    )
    before = _stored()
    with translation.override("vi"), pytest.raises(CommandError) as caught:
        call_command("import_year", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    assert _stored() == before
    lines = str(caught.value).splitlines()
    assert lines[0] == "Tệp chưa được nhập (chưa ghi gì vào cơ sở dữ liệu): có 5 lỗi."
    where = [line.split(": ", 1)[0] for line in lines[1:]]
    cells = [("councils", 2, "level"), ("sessions", 1, "start_date"), ("sessions", 2, "paperless"),
             ("sessions", 3, "kind"), ("resolutions", 2, "adopted_on")]  # fmt: skip
    assert where == [f"Trang “{s}”, dòng {n}, cột “{_label(s, c)}” ({c})" for s, n, c in cells]
    assert _label("sessions", "start_date") != "start_date"  # a Vietnamese name
    assert "“Thôn” không phải là giá trị hợp lệ" in lines[1] and "Cấp xã (phường, xã)" in lines[1]
    assert "“31/02/2023” không phải ngày hợp lệ" in lines[2]
    assert "“Có lẽ”" in lines[3] and "Có hoặc Không" in lines[3]
    assert "chọn một trong: Thường lệ, Chuyên đề" in lines[4]
    assert "“32/12/2023” không phải ngày hợp lệ; hãy viết dd/mm/yyyy" in lines[5]


def test_a_number_still_holding_its_symbol_says_where_the_symbol_goes():
    number, symbol = _label("resolutions", "number"), _label("resolutions", "symbol")
    with translation.override("vi"):
        _values, errors = parse_row(BY_NAME["resolutions"], 4, {"number": "01/NQ-HĐND"})
        (error,) = errors
        assert error.message == (
            f"Số “01/NQ-HĐND” ghi số ở cột “{number}” (01) và ký hiệu ở cột “{symbol}” (NQ-HĐND)."
        )
        _values, errors = parse_row(BY_NAME["votes"], 2, {"resolution_number": "5/NQ-HĐND"})
        assert f"chỉ ghi số (5); ký hiệu (NQ-HĐND) ghi ở cột “{symbol}”" in errors[0].message


def _label(sheet: str, column: str) -> str:
    from exchange.labels import label

    return label(sheet, column)


@pytest.mark.django_db
def test_rows_refused_while_loading_are_all_reported_with_dates_as_written(tmp_path):
    path = _file(
        tmp_path,
        councils=[COUNCIL],
        terms=[TERM],
        sessions=[
            _session(1, "2023-07-05", end_date="2023-07-01"),  # ends before it starts
            _session(2, "05/12/2023"),
        ],
        resolutions=[
            _resolution(1, 1, "05/07/2023"),  # its session was refused: not checked
            _resolution(2, 2, "05/12/2023"),
            _resolution(3, 9, "06/12/2023"),  # no session 9
        ],
    )
    before = _stored()
    with translation.override("vi"), pytest.raises(ImportErrors) as caught:
        _load(path)
    assert _stored() == before
    found = [(e.sheet, e.row, e.column) for e in caught.value.errors]
    assert found == [
        ("sessions", 1, "end_date"),
        ("resolutions", 3, "session_term_start, session_number"),
    ]
    assert caught.value.unchecked == 1
    text = str(caught.value)
    assert "Ô đang ghi “01/07/2023”" in text  # the value as typed, as dd/mm/yyyy
    assert "01/07/2021" in text and "2021-07-01" not in text and "2023-07-01" not in text
    assert "1 dòng dẫn chiếu đến dòng có lỗi nên chưa được kiểm tra" in text


@pytest.mark.django_db
def test_more_errors_than_shown_are_counted():
    sheets = {"people": [(n, {"full_name": f"Người {n}", "gender": "?"}) for n in range(1, 211)]}
    with translation.override("vi"), pytest.raises(ImportErrors) as caught:
        load({"format": FORMAT, "version": VERSION}, sheets)
    assert len(caught.value.errors) == 210
    lines = str(caught.value).splitlines()
    assert len(lines) == 1 + 200 + 1
    assert lines[-1].startswith("… và 10 lỗi nữa")
    assert all(isinstance(error, RowError) for error in caught.value.errors)


DECISION = {"issuing_authority": "UBND quận Thử", "number": "15/QĐ-UBND",
            "decision_date": "08/03/2024", "council": SLUG,
            "kind": "Giấy khen của Chủ tịch UBND quận",
            "title": "Về việc tặng Giấy khen"}  # fmt: skip


@pytest.mark.django_db
def test_an_achievement_year_far_from_the_decisions_is_warned_about(tmp_path):
    path = _file(
        tmp_path,
        councils=[COUNCIL],
        award_decisions=[
            {**DECISION, "year": 2023},
            {**DECISION, "number": "16/QĐ-UBND", "year": 2024},
            {**DECISION, "number": "17/QĐ-UBND", "year": 2019},
        ],
    )
    with translation.override("vi"):
        report = _load(path, dry_run=True)
    warned = [w for w in report.warnings if "năm thành tích" in w]
    year = _label("award_decisions", "year")
    assert warned == [
        "Trang “award_decisions”, dòng 3: năm thành tích 2019 không phải năm quyết định "
        f"(2024) hay năm trước đó — kiểm tra lại cột “{year}” (năm của thành tích, không "
        "phải năm của quyết định ngày 08/03/2024)."
    ]
    assert report.counts["award_decisions"].created == 3
    assert not AwardDecision.objects.filter(council__slug=SLUG).exists()


@pytest.mark.django_db
def test_a_dry_run_prints_every_sheet_with_rows_and_writes_nothing(tmp_path):
    path = _file(
        tmp_path,
        councils=[COUNCIL],
        terms=[TERM],
        sessions=[_session(1, "05/07/2023"), _session(2, "05/12/2023")],
    )
    call_command("import_year", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    document = json.loads(path.read_text(encoding="utf-8"))
    document["sheets"]["sessions"][1]["title"] = "Kỳ họp thứ hai, đổi tên"
    document["sheets"]["resolutions"] = [_resolution(1, 1, "05/07/2023")]
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    before = _stored()
    out = io.StringIO()
    with translation.override("en"):
        call_command("import_year", str(path), "--dry-run", stdout=out, stderr=io.StringIO())
    assert out.getvalue().splitlines() == [
        "councils: 0 would be created, 0 would be updated, 1 unchanged",
        "terms: 0 would be created, 0 would be updated, 1 unchanged",
        "sessions: 0 would be created, 1 would be updated, 1 unchanged",
        "resolutions: 1 would be created, 0 would be updated, 0 unchanged",
        "Checked; nothing was written (--dry-run).",
    ]
    assert _stored() == before
    assert Session.objects.get(term__council__slug=SLUG, number=2).title == "Kỳ họp thứ 2"
    assert BY_NAME["resolutions"].model is Resolution
