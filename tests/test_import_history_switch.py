"""An import's history rows follow simple-history's own switches, both ways of loading.

With SIMPLE_HISTORY_ENABLED off no history row is written; with it on, one per record
the file creates; a receiver of simple-history's pre/post_create_historical_record
signals hears both for every record, the fast way included (exchange.history)."""

import json
from pathlib import Path

import pytest
from django.db import transaction
from django.test import override_settings
from simple_history.signals import post_create_historical_record, pre_create_historical_record

import exchange.load as loading
from exchange import FORMAT, VERSION
from exchange.jsonfile import read_json
from exchange.load import load
from exchange.spec import SHEETS
from tests.test_import_speed import COUNCIL, SESSION, TERM, _resolution

pytestmark = pytest.mark.django_db
WAYS = pytest.mark.parametrize("savepoints", [False, True], ids=["fast", "row-by-row"])


def _sheets() -> dict:
    resolutions = [dict(_resolution(n), title=f"Nghị quyết công tắc {n}") for n in (1, 2, 3, 4)]
    return {"councils": [COUNCIL], "terms": [TERM], "sessions": [SESSION],
            "resolutions": resolutions}  # fmt: skip


def _import(tmp_path: Path, sheets: dict, *, savepoints: bool, monkeypatch) -> None:
    path = tmp_path / "history.json"
    data = {"format": FORMAT, "version": VERSION, "sheets": sheets}
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    real = loading._load_all

    def way(*args, savepoints=savepoints):
        return real(*args, savepoints=savepoints)

    monkeypatch.setattr(loading, "_load_all", way)
    load(*read_json(path.read_bytes()), reason=path.name)


def _counts() -> dict:
    return {sheet.name: sheet.model.history.count() for sheet in SHEETS}


def _records() -> dict:
    return {sheet.name: sheet.model._base_manager.count() for sheet in SHEETS}


@WAYS
def test_with_history_disabled_an_import_writes_no_history_row(tmp_path, monkeypatch, savepoints):
    sheets = _sheets()
    before, records = _counts(), _records()
    with override_settings(SIMPLE_HISTORY_ENABLED=False):
        _import(tmp_path, sheets, savepoints=savepoints, monkeypatch=monkeypatch)
    assert _counts() == before
    written = {name: count - records[name] for name, count in _records().items()}
    assert {name: n for name, n in written.items() if n} == {
        name: len(rows) for name, rows in sheets.items()
    }


@WAYS
def test_with_history_enabled_one_history_row_per_record_written(tmp_path, monkeypatch, savepoints):
    sheets = _sheets()
    before = _counts()
    with override_settings(SIMPLE_HISTORY_ENABLED=True):
        _import(tmp_path, sheets, savepoints=savepoints, monkeypatch=monkeypatch)
    new = {name: count - before[name] for name, count in _counts().items()}
    assert {name: n for name, n in new.items() if n} == {
        name: len(rows) for name, rows in sheets.items()
    }
    assert sum(new.values()) == 7  # a council, a term, a session, four resolutions


@WAYS
def test_a_receiver_of_the_signals_hears_each_record_once(tmp_path, monkeypatch, savepoints):
    sheets = _sheets()
    heard = {"pre": [], "post": []}

    def pre(sender, history_instance, **kwargs):
        heard["pre"].append(history_instance.history_type)

    def post(sender, history_instance, **kwargs):
        assert history_instance.pk is not None  # saved before the post signal
        heard["post"].append(history_instance.history_type)

    pre_create_historical_record.connect(pre, dispatch_uid="test-switch-pre")
    post_create_historical_record.connect(post, dispatch_uid="test-switch-post")
    try:
        with transaction.atomic():
            _import(tmp_path, sheets, savepoints=savepoints, monkeypatch=monkeypatch)
    finally:
        pre_create_historical_record.disconnect(dispatch_uid="test-switch-pre")
        post_create_historical_record.disconnect(dispatch_uid="test-switch-post")
    records = sum(len(rows) for rows in sheets.values())
    assert heard == {"pre": ["+"] * records, "post": ["+"] * records}
