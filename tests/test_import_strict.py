"""An import never loses data silently: a formula cell or a repeated JSON key is refused,
naming where it is; the command says what it imported only when it imported something;
an .xlsx export imported back changes nothing, times and scorecard versions included."""

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone, translation
from openpyxl import load_workbook

from campaigns.models import Scorecard
from sessions.models import Session

pytestmark = pytest.mark.django_db


def export(tmp_path: Path, suffix: str) -> Path:
    path = tmp_path / f"dk-2023.{suffix}"
    call_command(
        "export_year", "2023", council="duong-kinh", output=str(path), stdout=io.StringIO()
    )
    return path


def run_import(path: Path) -> str:
    out = io.StringIO()
    with translation.override("en"):
        call_command("import_year", str(path), stdout=out, stderr=io.StringIO())
    return out.getvalue()


def refused(path: Path) -> str:
    with translation.override("en"), pytest.raises(CommandError) as error:
        call_command("import_year", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    return str(error.value)


def state() -> list:
    """What the tests' imports could touch: sessions' titles, scorecards' versions and times."""
    sessions = sorted(Session.objects.values_list("pk", "title"))
    cards = Scorecard.objects.order_by("pk").values_list(
        "pk", "version", "status", "submitted_at", "reviewed_at"
    )
    return [sessions, list(cards)]


def test_a_formula_cell_is_refused_naming_its_cell(tmp_path):
    path = export(tmp_path, "xlsx")
    workbook = load_workbook(path)
    sheet = workbook["sessions"]
    column = [cell.value for cell in sheet[2]].index("title") + 1  # row 2: codes
    sheet.cell(3, column).value = '=UPPER("x")'  # saved with no value: read back as None
    workbook.save(path)
    before = state()
    message = refused(path)
    assert "Sheet “sessions”, row 3, column “" in message and "” (title): " in message
    assert 'formula (=UPPER("x"))' in message
    assert state() == before


def test_a_formula_is_named_in_vietnamese_by_default(tmp_path):
    path = export(tmp_path, "xlsx")
    workbook = load_workbook(path)
    workbook["people"]["A3"] = "=A4"
    workbook.save(path)
    with pytest.raises(CommandError) as error:
        call_command("import_year", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    assert "Trang “people”, dòng 3, cột “" in str(error.value)
    assert "” (full_name): " in str(error.value)
    assert "công thức" in str(error.value)


def test_text_that_looks_like_a_formula_imports_as_text(tmp_path):
    session = Session.objects.order_by("pk").first()
    session.title = "=1+1 là bài toán"
    session.save()
    path = export(tmp_path, "xlsx")
    Session.objects.filter(pk=session.pk).update(title="Đổi")
    assert "sessions: 0 created, 1 updated" in run_import(path)
    session.refresh_from_db()
    assert session.title == "=1+1 là bài toán"


@pytest.mark.parametrize(
    ("spoil", "key", "where"),
    [
        # A second "sheets" object: the first, with every row, would be dropped.
        (lambda text: text.rstrip().removesuffix("}") + ', "sheets": {}}', "sheets", "in $:"),
        (
            lambda text: text.replace('"title": ', '"title": "Một", "title": ', 1),
            "title",
            "in $.sheets.sessions[0]:",
        ),
    ],
    ids=["sheets", "a column"],
)
def test_a_repeated_json_key_is_refused_with_its_path(tmp_path, spoil, key, where):
    path = export(tmp_path, "json")
    path.write_text(spoil(path.read_text(encoding="utf-8")), encoding="utf-8")
    before = state()
    message = refused(path)
    assert f"the key “{key}” twice {where}" in message
    assert state() == before


def test_the_import_says_what_it_imported_only_when_it_imported_something(tmp_path):
    path = export(tmp_path, "json")
    said = run_import(path)
    assert "created" not in said and "Imported." not in said
    rows = sum(len(rows) for rows in json.loads(path.read_text("utf-8"))["sheets"].values())
    assert f"Nothing to import: the file's {rows} rows are already stored." in said

    data = json.loads(path.read_text(encoding="utf-8"))
    data["sheets"]["sessions"][0]["title"] = "Kỳ họp đã đổi tên"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    said = run_import(path)
    assert said.splitlines() == ["sessions: 0 created, 1 updated, 16 unchanged", "Imported."]

    data["sheets"] = {name: [] for name in data["sheets"]}
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert run_import(path).splitlines() == ["Nothing to import: the file holds no rows."]


@pytest.mark.parametrize("suffix", ["xlsx", "json"])
def test_an_export_imported_back_changes_nothing_to_the_microsecond(tmp_path, suffix):
    # Times as the pages write them (timezone.now()), microseconds included.
    moment = timezone.now().replace(microsecond=123456)
    cards = Scorecard.objects.exclude(submitted_at=None).filter(campaign__year=2023)
    assert cards.exists()
    cards.update(submitted_at=moment, reviewed_at=moment + dt.timedelta(microseconds=1))
    before = state()
    path = export(tmp_path, suffix)
    said = run_import(path)
    assert "Nothing to import" in said, said
    assert state() == before  # no time rounded, no scorecard version moved
    if suffix == "xlsx":
        sheet = load_workbook(path)["scorecards"]
        column = [cell.value for cell in sheet[2]].index("submitted_at")
        shown = timezone.localtime(moment).strftime("%d/%m/%Y %H:%M:%S.123456")
        assert shown in [row[column].value for row in sheet.iter_rows(min_row=3)]


def test_a_formula_is_reported_with_the_files_other_errors(tmp_path):
    """A formula is one of the file's mistakes: reported with a bad date elsewhere."""
    path = export(tmp_path, "xlsx")
    workbook = load_workbook(path)
    sessions = workbook["sessions"]
    codes = [cell.value for cell in sessions[2]]
    sessions.cell(3, codes.index("title") + 1).value = "=A4"
    people = workbook["people"]
    people.cell(3, 1).value = "=B3"
    sessions.cell(3, codes.index("start_date") + 1).value = "31/02/2023"
    workbook.save(path)
    before = state()
    message = refused(path)
    assert message.count("công thức") + message.count("formula") == 2
    assert "31/02/2023" in message
    assert state() == before
