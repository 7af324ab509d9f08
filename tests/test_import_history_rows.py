"""The import's history rows, inserted per sheet by the fast way (exchange.history), hold
what simple-history's own post_save writes row by row (the way with a savepoint per
row): the same rows, fields, type, change reason and user; and each holds its record as
saved."""

import json
from pathlib import Path

import pytest
from django.db import transaction
from django.db.models import ForeignKey

import exchange.load as loading
from exchange import FORMAT, VERSION
from exchange.jsonfile import read_json
from exchange.load import load
from exchange.spec import SHEETS
from tests.test_import_speed import COUNCIL, SESSION, TERM, _resolution

pytestmark = pytest.mark.django_db
SKIPPED = {"history_id", "history_date", "id"}  # ids differ between two imports


def _file(tmp_path: Path, title: str) -> Path:
    """A new council's term, session and resolutions; ``title`` in every resolution."""
    path = tmp_path / f"{title}.json"
    resolutions = [dict(_resolution(n), title=f"{title} {n}") for n in (1, 2, 3)]
    sheets = {"councils": [COUNCIL], "terms": [TERM], "sessions": [SESSION],
              "resolutions": resolutions}  # fmt: skip
    data = {"format": FORMAT, "version": VERSION, "sheets": sheets}
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def _history(marks: dict) -> dict:
    """Per sheet, the history rows written since ``marks``: their own fields, sorted."""
    rows = {}
    for sheet in SHEETS:
        model = sheet.model.history.model
        new = model.objects.filter(history_id__gt=marks[sheet.name]).order_by("history_id")
        fields = [
            f.attname
            for f in model._meta.concrete_fields
            if f.attname not in SKIPPED and not isinstance(f, ForeignKey)
        ]
        rows[sheet.name] = sorted(map(repr, new.values_list(*fields)))
    return rows


def _marks() -> dict:
    marks = {}
    for sheet in SHEETS:
        last = sheet.model.history.order_by("-history_id").first()
        marks[sheet.name] = last.history_id if last else 0
    return marks


def _imported(paths: list[Path], *, savepoints: bool, monkeypatch) -> dict:
    """The history rows of importing ``paths`` one after the other, then rolled back."""
    real = loading._load_all

    def way(*args, savepoints=savepoints):
        return real(*args, savepoints=savepoints)

    monkeypatch.setattr(loading, "_load_all", way)
    with transaction.atomic():
        marks = _marks()
        for path in paths:
            load(*read_json(path.read_bytes()), reason=path.name)
        rows = _history(marks)
        _held_as_saved(marks, {path.name for path in paths})
        transaction.set_rollback(True)
    return rows


def _held_as_saved(marks: dict, reasons: set[str]) -> None:
    """Each record's last new history row holds its tracked fields as stored now."""
    for sheet in SHEETS:
        model = sheet.model.history.model
        last = {}
        for row in model.objects.filter(history_id__gt=marks[sheet.name]).order_by("history_id"):
            last[row.id] = row
        for row in last.values():
            record = sheet.model._base_manager.filter(pk=row.id).first()
            assert record is not None, (sheet.name, row.id)
            for field in model.tracked_fields:
                assert getattr(row, field.attname) == getattr(record, field.attname), (
                    sheet.name,
                    field.name,
                )
            assert row.history_change_reason in reasons
            assert row.history_user_id is None


def test_the_fast_ways_history_rows_are_the_row_by_row_ways(tmp_path, monkeypatch):
    paths = [_file(tmp_path, "Nghị quyết"), _file(tmp_path, "Nghị quyết sửa")]
    fast = _imported(paths, savepoints=False, monkeypatch=monkeypatch)
    per_row = _imported(paths, savepoints=True, monkeypatch=monkeypatch)
    assert len(fast["resolutions"]) == 6  # three created, three changed
    assert sum(map(len, fast.values())) == 9
    assert fast == per_row
