"""The import's fast way (no savepoint per row, a sheet's stored keys read at once)
reports what the per-row way reports, writes nothing on an error, and costs a fixed
number of queries per row."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection, models
from django.test.utils import CaptureQueriesContext

import exchange.load as loading
from exchange import FORMAT, VERSION
from exchange.jsonfile import read_json
from exchange.load import ImportErrors, load
from exchange.spec import BY_NAME
from sessions.models import Resolution

SLUG = "thu-toc-do"
COUNCIL = {"slug": SLUG, "name": "HĐND phường Thử Tốc Độ", "short_name": "Thử Tốc Độ",
           "level": "Phường", "parent": "duong-kinh"}  # fmt: skip
TERM = {"council": SLUG, "start_date": "01/07/2021", "name": "2021–2026",
        "end_date": "30/06/2026"}  # fmt: skip
SESSION = {"council": SLUG, "term_start": "01/07/2021", "number": 1, "kind": "Thường kỳ",
           "title": "Kỳ họp thứ 1", "start_date": "10/07/2023", "end_date": "10/07/2023",
           "paperless": "Có", "location": "Hội trường"}  # fmt: skip


def _resolution(number: int) -> dict:
    return {"council": SLUG, "session_term_start": "01/07/2021", "session_number": 1,
            "number": number, "symbol": "NQ-HĐND", "adopted_on": "10/07/2023",
            "title": f"Nghị quyết {number}"}  # fmt: skip


def _sheets(path: Path):
    return read_json(path.read_bytes())


def _errors(path: Path) -> ImportErrors:
    with pytest.raises(ImportErrors) as error:
        load(*_sheets(path))
    return error.value


def _stored() -> dict[str, int]:
    """Every sheet's records and their history rows, counted."""
    counts = {}
    for name, sheet in BY_NAME.items():
        counts[name] = sheet.model.objects.count()
        counts[f"{name} history"] = sheet.model.history.count()
    return counts


def _text_column(sheet_name: str, row: dict) -> str:
    """A plain text column of the row (no key, no reference, no choice): a control
    character there is refused by the model's rules, not when the cell is read."""
    sheet = BY_NAME[sheet_name]
    referring = {c for ref in sheet.refs for c in ref.columns}
    for column, value in row.items():
        if column in sheet.key_columns or column in referring or column not in sheet.fields:
            continue
        field = sheet.field_of(column)
        text = isinstance(field, models.CharField | models.TextField) and not field.choices
        if text and isinstance(value, str):
            return column
    raise AssertionError(f"no plain text column in {sheet_name}")


@pytest.fixture
def exported(tmp_path, db):
    path = tmp_path / "year.json"
    call_command("export_year", "2023", output=str(path), stdout=io.StringIO())
    return path, json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.django_db
def test_a_bad_last_row_reports_what_the_per_row_way_reports_and_writes_nothing(
    exported, tmp_path, monkeypatch
):
    _path, data = exported
    filled = [name for name, rows in data["sheets"].items() if rows]
    first, last = filled[0], filled[-1]
    rows = data["sheets"][last]
    bad_columns = {}
    for sheet_name, row in ((last, rows[-1]), (first, data["sheets"][first][0])):
        bad_columns[sheet_name] = _text_column(sheet_name, row)
        row[bad_columns[sheet_name]] += "\x07"  # a bell: not printable
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    before = _stored()

    calls = []
    real = loading._load_all

    def spy(*args, savepoints):
        calls.append(savepoints)
        return real(*args, savepoints=savepoints)

    monkeypatch.setattr(loading, "_load_all", spy)
    fast = _errors(bad)
    assert calls == [False]  # the rules refused the rows: no second run was needed
    assert _stored() == before

    monkeypatch.setattr(loading, "_load_all", lambda *a, savepoints: real(*a, savepoints=True))
    per_row = _errors(bad)
    assert _stored() == before

    assert [vars(e) for e in fast.errors] == [vars(e) for e in per_row.errors]
    assert str(fast) == str(per_row)
    assert fast.unchecked == per_row.unchecked
    found = {(e.sheet, e.row, e.column) for e in fast.errors}
    assert (last, len(rows), bad_columns[last]) in found
    assert (first, 1, bad_columns[first]) in found
    assert len(fast.errors) == 2


@pytest.mark.django_db
def test_a_database_error_loads_again_with_a_savepoint_per_row(tmp_path, monkeypatch):
    """A row the database refuses (here: the fast way's first save) ends the fast way;
    every row is loaded again, each in its own savepoint, and the file is imported."""
    path = tmp_path / "nam.json"
    sheets = {"councils": [COUNCIL], "terms": [TERM], "sessions": [SESSION],
              "resolutions": [_resolution(n) for n in (1, 2, 3)]}  # fmt: skip
    path.write_text(
        json.dumps({"format": FORMAT, "version": VERSION, "sheets": sheets}), encoding="utf-8"
    )
    calls = []
    real = loading._load_all

    def once_refused(*args, savepoints):
        calls.append(savepoints)
        if not savepoints:
            monkeypatch.setattr(loading._Loader, "load_row", refused)
        else:
            monkeypatch.setattr(loading._Loader, "load_row", load_row)
        return real(*args, savepoints=savepoints)

    load_row = loading._Loader.load_row

    def refused(self, *args):
        from django.db import DatabaseError

        raise DatabaseError("refused once")

    monkeypatch.setattr(loading, "_load_all", once_refused)
    report = load(*_sheets(path))
    assert calls == [False, True]
    assert report.counts["resolutions"].created == 3
    assert Resolution.objects.filter(council__slug=SLUG).count() == 3


def _queries(tmp_path: Path, resolutions: int) -> int:
    path = tmp_path / f"nam-{resolutions}.json"
    sheets = {"councils": [COUNCIL], "terms": [TERM], "sessions": [SESSION],
              "resolutions": [_resolution(n) for n in range(1, resolutions + 1)]}  # fmt: skip
    path.write_text(
        json.dumps({"format": FORMAT, "version": VERSION, "sheets": sheets}), encoding="utf-8"
    )
    with CaptureQueriesContext(connection) as captured:
        report = load(*_sheets(path), dry_run=True)
    assert report.counts["resolutions"].created == resolutions
    return len(captured.captured_queries)


# Per new resolution: its insert, the unique constraints of the rules, and the number
# register's eight (savepoint, checks, counter, entry). Its history row is inserted with
# the sheet's, the figures' councils are read once for the file, the check constraints
# are evaluated in Python: 15 before that. Before the fast way it was 19: the row's key
# lookup, its session's existence check and a savepoint and its release more.
PER_ROW = 10


@pytest.mark.django_db
def test_a_clean_import_costs_a_fixed_number_of_queries_per_row(tmp_path):
    ten, thirty = _queries(tmp_path, 10), _queries(tmp_path, 30)
    assert thirty > ten
    assert (thirty - ten) <= PER_ROW * 20
    assert Resolution.objects.filter(council__slug=SLUG).count() == 0  # dry runs
