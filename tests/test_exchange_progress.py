"""export_year and import_year show their progress on a terminal, and a cell that
cannot be read stops the import before anything is written, wherever it is."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _last_line(text: str) -> str:
    return text.rsplit("\r\x1b[2K", 1)[-1].strip()


@pytest.fixture
def exported(tmp_path, db):
    path = tmp_path / "year.json"
    call_command("export_year", "2023", output=str(path), stdout=io.StringIO())
    data = json.loads(path.read_text(encoding="utf-8"))
    rows = sum(len(rows) for rows in data["sheets"].values())
    assert rows > 50
    return path, data, rows


@pytest.mark.django_db
def test_export_and_import_show_rows_done_of_rows_on_a_terminal(exported, tmp_path):
    path, _data, rows = exported
    terminal = Terminal()
    call_command(
        "export_year",
        "2023",
        output=str(tmp_path / "again.json"),
        stdout=io.StringIO(),
        stderr=terminal,
    )
    assert _last_line(terminal.getvalue()).startswith(f"{rows:,}/{rows:,} dòng, ")
    terminal = Terminal()
    call_command("import_year", str(path), stdout=io.StringIO(), stderr=terminal)
    assert _last_line(terminal.getvalue()).startswith(f"{rows:,}/{rows:,} dòng, ")


@pytest.mark.django_db
def test_no_progress_in_a_log_or_with_verbosity_zero(exported):
    path, _data, _rows = exported
    log = io.StringIO()
    call_command("import_year", str(path), stdout=io.StringIO(), stderr=log)
    assert "dòng, " not in log.getvalue()
    terminal = Terminal()
    call_command("import_year", str(path), stdout=io.StringIO(), stderr=terminal, verbosity=0)
    assert terminal.getvalue() == ""


@pytest.mark.django_db
def test_a_bad_cell_in_the_last_row_stops_the_import_before_any_write(exported, tmp_path):
    _path, data, _rows = exported
    last_sheet = [name for name, rows in data["sheets"].items() if rows][-1]
    row = data["sheets"][last_sheet][-1]
    column = next(c for c, v in row.items() if isinstance(v, int) and not isinstance(v, bool))
    row[column] = "không phải số"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with CaptureQueriesContext(connection) as captured, pytest.raises(CommandError) as error:
        call_command("import_year", str(bad), stdout=io.StringIO(), stderr=io.StringIO())
    number = len(data["sheets"][last_sheet])
    assert f"“{last_sheet}”" in str(error.value) and f" {number}," in str(error.value)
    assert f"({column}): " in str(error.value)
    assert captured.captured_queries == []  # not one row was looked up or written
