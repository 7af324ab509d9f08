"""The year exchange format: export, import, round trip, all-or-nothing, template, versions."""

import datetime as dt
import io
import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.utils import translation
from openpyxl import load_workbook

from campaigns.models import (
    Score,
    Scorecard,
)
from councilwork.models import Council, Deputy, IssuedNumber, NumberCounter, Person, Term, User
from councilwork.registry import record_models
from exchange.spec import SHEETS
from sessions.models import Resolution, Session

pytestmark = pytest.mark.django_db

# Children before parents: every foreign key between them PROTECTs the parent.
RECORD_MODELS = [m for m in reversed(record_models()) if m is not Council]
SHEET_NAMES = [sheet.name for sheet in SHEETS]


def wipe_records():
    """Delete every record of our apps (logins stay, unbound from their councils)."""
    for model in RECORD_MODELS:
        model.objects.all().delete()
    User.objects.update(council=None)
    # The numbering register outlives the documents; a fresh state has none either.
    IssuedNumber.objects.all().delete()
    NumberCounter.objects.all().delete()
    Council.objects.update(successor=None)
    while Council.objects.exists():
        Council.objects.filter(children__isnull=True).delete()


def row_counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in [*RECORD_MODELS, Council]}


def year_summary() -> dict:
    out = io.StringIO()
    call_command("year_summary", "2023", council="duong-kinh", json=True, stdout=out)
    return json.loads(out.getvalue())


def export(path: Path, *args) -> Path:
    call_command("export_year", *args, output=str(path), stdout=io.StringIO())
    return path


def export_2023(tmp_path: Path, suffix: str = "json") -> Path:
    return export(tmp_path / f"duong-kinh-2023.{suffix}", "2023", "--council", "duong-kinh")


def run_import(path: Path, *args) -> dict[str, tuple[int, int, int]]:
    """Import ``path``; per sheet (created, updated, unchanged) as the command prints them."""
    out = io.StringIO()
    call_command("import_year", str(path), *args, stdout=out, stderr=io.StringIO())
    counts = {}
    for line in out.getvalue().splitlines():
        match = re.match(r"(\w+): \D*?(\d+)\D+(\d+)\D+(\d+)", line)  # either language
        if match:
            counts[match[1]] = tuple(int(n) for n in match.groups()[1:])
    return counts


def sheets_of(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))["sheets"]


def write_json(path: Path, data: dict) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


# Round trip ----------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", ["json", "xlsx"])
def test_round_trip_into_an_empty_database_gives_the_same_year_and_is_idempotent(tmp_path, suffix):
    summary, rows = year_summary(), sheets_of(export_2023(tmp_path))
    # The session documents' files travel in a folder beside the file.
    files = ["--files", str(tmp_path / "files")]
    path = export(tmp_path / f"year.{suffix}", "2023", "--council", "duong-kinh", *files)

    wipe_records()
    assert Session.objects.count() == 0 and Council.objects.count() == 0
    first = run_import(path, *files)

    assert year_summary() == summary
    assert sheets_of(export(tmp_path / "again.json", "2023", "--council", "duong-kinh")) == rows
    assert list(first) == SHEET_NAMES
    assert first["resolutions"] == (86, 0, 0)
    assert Scorecard.objects.filter(reviewed_by__username="vanphong").exists()

    counts = row_counts()
    second = run_import(path, *files)
    assert row_counts() == counts
    assert second == {}  # no sheet had anything to import


def test_importing_a_databases_own_export_finds_every_row_unchanged(tmp_path):
    counts = row_counts()
    report = run_import(export_2023(tmp_path))
    assert row_counts() == counts
    assert report == {}  # no sheet had anything to import


def test_the_json_document_has_the_header_sheets_in_order_and_plain_values(tmp_path):
    data = json.loads(export_2023(tmp_path).read_text(encoding="utf-8"))
    assert (data["format"], data["version"], data["year"]) == ("councilwork-year", 2, 2023)
    assert data["council"] == "duong-kinh" and data["exported_at"]
    assert list(data["sheets"]) == SHEET_NAMES
    session = data["sheets"]["sessions"][0]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", session["start_date"])
    assert "id" not in session and "pk" not in session
    assert data["sheets"]["campaigns"][0]["score_step"] == "0.50"
    assert {row["year"] for row in data["sheets"]["campaigns"]} == {2023, 2024}
    assert data["sheets"]["councils"][0]["slug"] == "duong-kinh"  # parents come first


def test_an_update_in_the_file_updates_the_row_and_only_it(tmp_path):
    path = export_2023(tmp_path)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["sheets"]["sessions"][0]["title"] = "Kỳ họp đã đổi tên"
    report = run_import(write_json(path, data))
    assert report["sessions"] == (0, 1, 16)
    session = Session.objects.get(title="Kỳ họp đã đổi tên")
    assert path.name in session.history.latest().history_change_reason


def test_a_changed_score_gives_its_scorecard_a_new_version(tmp_path):
    """A scoring form opened before the import is then refused, not saved over it."""
    path = export_2023(tmp_path)
    data = json.loads(path.read_text(encoding="utf-8"))
    row = data["sheets"]["scores"][0]
    row["note"] = "Sửa khi nhập"
    card = Score.objects.get(
        scorecard__campaign__year=row["year"],
        scorecard__subject_council__slug=row["subject_council"],
        criterion__code=row["criterion_code"],
    ).scorecard
    version = card.version
    report = run_import(write_json(path, data))
    assert report["scores"][1] == 1
    card.refresh_from_db()
    assert card.version == version + 1
    assert card.scores.filter(note="Sửa khi nhập").exists()


def test_namesakes_are_refused_rather_than_merged(tmp_path, ward_a):
    named = Person.objects.filter(mandates__term__council=ward_a).first()
    twin = Person.objects.create(full_name=named.full_name)
    Deputy.objects.create(person=twin, term=Term.objects.get(council=ward_a))
    with pytest.raises(CommandError, match="people"):
        export_2023(tmp_path)


# All or nothing ------------------------------------------------------------------------


def _add_new_rows_first(data: dict) -> None:
    """A new council and a changed one, both before any bad row: neither may be written."""
    councils = data["sheets"]["councils"]
    councils[1]["name"] = "Tên đã đổi"
    councils.append({**councils[1], "slug": "phuong-moi", "name": "HĐND phường Mới"})


def _session_ends_before_it_starts(data):
    session = data["sheets"]["sessions"][2]
    session["end_date"] = "2023-01-01"
    return "sessions", 3, "end_date"


def _resolution_of_a_missing_session(data):
    data["sheets"]["resolutions"][4]["session_number"] = 99
    return "resolutions", 5, "session_term_start, session_number"


def _date_that_does_not_exist(data):
    data["sheets"]["sessions"][0]["start_date"] = "31/02/2023"
    return "sessions", 1, "start_date"


@pytest.mark.parametrize(
    "spoil",
    [_session_ends_before_it_starts, _resolution_of_a_missing_session, _date_that_does_not_exist],
)
def test_a_bad_row_stops_the_import_naming_it_and_nothing_is_written(tmp_path, spoil):
    path = export_2023(tmp_path)
    data = json.loads(path.read_text(encoding="utf-8"))
    _add_new_rows_first(data)
    sheet, row, column = spoil(data)
    counts, summary = row_counts(), year_summary()

    with translation.override("en"), pytest.raises(CommandError) as error:
        run_import(write_json(path, data))

    assert f"Sheet “{sheet}”, row {row}, column “" in str(error.value)
    assert f"” ({column}): " in str(error.value)  # the Vietnamese name, then the code
    assert row_counts() == counts and year_summary() == summary
    assert not Council.objects.filter(slug="phuong-moi").exists()
    assert not Council.objects.filter(name="Tên đã đổi").exists()


def test_the_message_is_in_vietnamese_by_default(tmp_path):
    path = export_2023(tmp_path)
    data = json.loads(path.read_text(encoding="utf-8"))
    _session_ends_before_it_starts(data)
    with pytest.raises(CommandError) as error:
        run_import(write_json(path, data))
    assert "Trang “sessions”, dòng 3, cột “" in str(error.value)
    assert "” (end_date): " in str(error.value)
    assert "Ngày kết thúc" in str(error.value)


def test_a_bad_cell_of_a_workbook_is_named_by_its_spreadsheet_row(tmp_path):
    path = export_2023(tmp_path, "xlsx")
    workbook = load_workbook(path)
    workbook["sessions"]["F4"] = "31/02/2023"  # F = start_date; row 4 = the second session
    workbook.save(path)
    counts = row_counts()
    with translation.override("en"), pytest.raises(CommandError) as error:
        run_import(path)
    assert "Sheet “sessions”, row 4, column “" in str(error.value)
    assert "” (start_date): " in str(error.value)
    assert "31/02/2023" in str(error.value)
    assert row_counts() == counts


def test_dry_run_checks_and_writes_nothing(tmp_path):
    path = export_2023(tmp_path)
    data = json.loads(path.read_text(encoding="utf-8"))
    _add_new_rows_first(data)
    report = run_import(write_json(path, data), "--dry-run")
    assert report["councils"][0] == 1
    assert not Council.objects.filter(slug="phuong-moi").exists()


# Format and version ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "value", "said"),
    [("version", 3, "version 3"), ("version", "1.5", "version 1.5"), ("format", "x", "not a")],
)
def test_an_unknown_version_or_format_is_refused(tmp_path, key, value, said):
    path = export_2023(tmp_path)
    data = json.loads(path.read_text(encoding="utf-8"))
    data[key] = value
    with translation.override("en"), pytest.raises(CommandError) as error:
        run_import(write_json(path, data))
    assert said in str(error.value)


def test_an_unknown_version_of_a_workbook_is_refused(tmp_path):
    path = export(tmp_path / "template.xlsx", "--template")
    workbook = load_workbook(path)
    workbook["README"]["B2"] = 3
    workbook.save(path)
    with translation.override("en"), pytest.raises(CommandError, match="version 3"):
        run_import(path)


def test_a_file_that_is_neither_json_nor_xlsx_is_refused(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("hello", encoding="utf-8")
    with pytest.raises(CommandError):
        run_import(path)


# The template ------------------------------------------------------------------------------


def test_the_template_has_every_sheet_with_its_headers_and_no_example_row(tmp_path):
    workbook = load_workbook(export(tmp_path / "template.xlsx", "--template"))
    assert workbook.sheetnames == ["README", "Hướng dẫn", *SHEET_NAMES, "Danh mục"]
    assert workbook["README"]["A1"].value == "format"
    assert workbook["README"]["B1"].value == "councilwork-year"
    for sheet in SHEETS:
        rows = list(workbook[sheet.name].iter_rows(values_only=True))
        assert rows[1] == sheet.columns  # row 1: the Vietnamese names (test_template.py)
        assert len(rows) == 2  # the examples are in the guide, not in a row


def test_an_untouched_template_imports_nothing(tmp_path):
    counts = row_counts()
    report = run_import(export(tmp_path / "template.xlsx", "--template"))
    assert row_counts() == counts
    assert report == {}


def test_a_template_filled_by_hand_with_text_dates_and_labels_imports(tmp_path):
    path = export(tmp_path / "template.xlsx", "--template")
    workbook = load_workbook(path)
    sessions, resolutions = workbook["sessions"], workbook["resolutions"]
    # As typed by hand: dates and numbers as text, the kind as its Vietnamese label.
    typed = ["anh-dung", "01/06/2021", "14", "Chuyên đề", "Kỳ họp thứ 14", "05/11/2023"]
    sessions.append([*typed, "5/11/2023", "có", "Hội trường UBND phường"])
    resolutions.append(["anh-dung", "01/06/2021", "14", "9", "NQ-HĐND", "05/11/2023", "Về X"])
    workbook.save(path)

    report = run_import(path)

    session = Session.objects.get(council__slug="anh-dung", number=14)
    assert (session.start_date, session.end_date) == (dt.date(2023, 11, 5), dt.date(2023, 11, 5))
    assert session.kind == "thematic" and session.paperless
    assert Resolution.objects.get(session=session).number == 9
    assert report["sessions"] == (1, 0, 0) and report["resolutions"] == (1, 0, 0)
    assert not Council.objects.filter(slug="phuong-vi-du").exists()  # the examples


@pytest.mark.parametrize("sheet", SHEETS, ids=lambda sheet: sheet.name)
def test_each_sheet_is_declared_consistently(sheet):
    """Columns are fields or carry a key; a reference has one column per key column."""
    names = {field.name for field in sheet.model._meta.get_fields()}
    assert set(sheet.fields) <= names
    assert {part.removesuffix("__year") for part in sheet.key} <= names
    earlier = SHEET_NAMES[: SHEET_NAMES.index(sheet.name) + 1]
    for ref in sheet.refs:
        assert ref.field in names and ref.sheet in earlier
        assert len(ref.columns) == len(ref.target.key_columns)
        assert set(ref.columns) <= set(sheet.columns)


def test_the_documentation_lists_every_sheet_and_column():
    text = (Path(settings.BASE_DIR) / "docs" / "data-format.md").read_text(encoding="utf-8")
    for sheet in SHEETS:
        section = text.split(f"### `{sheet.name}`", 1)[1].split("\n### ", 1)[0]
        for column in sheet.columns:
            assert f"| `{column}` |" in section, (sheet.name, column)
