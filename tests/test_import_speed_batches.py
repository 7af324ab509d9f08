"""The import's new records inserted per batch (exchange.batches): the queries grow with
the batches, not the rows, and what is stored is what saving row by row stores (the
records, their history rows, the figures' version of their council)."""

import json
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from councilwork.cache import figures_versions
from councilwork.models import Council
from exchange import FORMAT, VERSION
from exchange.batches import BATCH
from exchange.jsonfile import read_json
from exchange.load import load
from oversight.models import OversightActivity

SLUG = "thu-lo-ghi"
COUNCIL = {"slug": SLUG, "name": "HĐND phường Thử Lô Ghi", "short_name": "Thử Lô Ghi",
           "level": "Phường", "parent": "duong-kinh"}  # fmt: skip


def _activity(number: int) -> dict:
    return {"council": SLUG, "title": f"Giám sát chuyên đề số {number}",
            "start_date": "10/08/2025", "end_date": "11/08/2025", "kind": "thematic",
            "conducted_by": None, "subject": "Phòng Kinh tế", "findings": ""}  # fmt: skip


def _file(tmp_path: Path, activities: int) -> Path:
    path = tmp_path / f"giam-sat-{activities}.json"
    sheets = {"councils": [COUNCIL],
              "oversight_activities": [_activity(n) for n in range(1, activities + 1)]}  # fmt: skip
    path.write_text(
        json.dumps({"format": FORMAT, "version": VERSION, "sheets": sheets}), encoding="utf-8"
    )
    return path


def _queries(tmp_path: Path, activities: int) -> int:
    with CaptureQueriesContext(connection) as captured:
        report = load(*read_json(_file(tmp_path, activities).read_bytes()), dry_run=True)
    assert report.counts["oversight_activities"].created == activities
    return len(captured.captured_queries)


def _inserts(model, rows: int) -> int:
    """The INSERTs of ``rows`` new records in batches of BATCH, each split as the
    database's limit of parameters per query splits it (999 on some SQLite builds)."""
    fields = model._meta.concrete_fields
    size = min(BATCH, connection.ops.bulk_batch_size(fields, [None] * rows))
    return -(-rows // size)


@pytest.mark.django_db
def test_the_queries_grow_per_batch_not_per_row(tmp_path):
    thirty, three_hundred = _queries(tmp_path, 30), _queries(tmp_path, 300)
    history = OversightActivity.history.model
    batches = sum(_inserts(model, 300) for model in (OversightActivity, history))
    assert three_hundred <= thirty + batches + 1  # + 1: the stored keys' read in two
    assert three_hundred < thirty + 270 // 10  # far from one query per row
    assert not OversightActivity.objects.filter(council__slug=SLUG).exists()  # dry runs


@pytest.mark.django_db
def test_a_batch_stores_each_record_its_history_row_and_the_figures_version(tmp_path):
    rows = BATCH + 7  # one full batch and part of another
    report = load(*read_json(_file(tmp_path, rows).read_bytes()), reason="giam-sat.json")
    assert report.counts["oversight_activities"].created == rows
    stored = OversightActivity.objects.filter(council__slug=SLUG)
    assert sorted(stored.values_list("title", flat=True)) == sorted(
        _activity(n)["title"] for n in range(1, rows + 1)
    )
    history = OversightActivity.history.filter(council__slug=SLUG)
    assert history.count() == rows
    assert set(history.values_list("history_type", flat=True)) == {"+"}
    assert set(history.values_list("history_change_reason", flat=True)) == {"giam-sat.json"}
    assert set(history.values_list("id", flat=True)) == set(stored.values_list("id", flat=True))
    council = Council.objects.get(slug=SLUG)
    before = figures_versions(council)
    again = load(*read_json(_file(tmp_path, rows).read_bytes()))
    assert again.counts["oversight_activities"].unchanged == rows
    assert figures_versions(council) == before  # nothing saved, nothing moves
    more = load(*read_json(_file(tmp_path, rows + 2).read_bytes()))
    assert more.counts["oversight_activities"].created == 2
    assert OversightActivity.history.filter(council=council).count() == rows + 2
    moved = dict(figures_versions(council))
    assert all(moved[pk] != version for pk, version in before)  # the council and above
