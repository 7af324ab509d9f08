"""Files made with an earlier version of the exchange format still import."""

import json

import pytest

from tests.test_exchange_dossiers import built, counts_of, expected, export, stored, wipe

__all__ = ["built"]  # the year of dossiers and decisions, a fixture
pytestmark = pytest.mark.django_db


def test_a_version_1_file_without_the_organisation_column_still_imports(tmp_path, built):
    """Version 1 of the format had no organisation recipient: its award and nominee rows
    name none, and are found again by their other recipient columns."""
    want = expected(built)
    path = export(tmp_path / "year.json")
    document = json.loads(path.read_text(encoding="utf-8"))
    document["version"] = 1
    for name in ("awards", "award_nominees"):
        for row in document["sheets"][name]:
            del row["recipient_organisation"]
    old = tmp_path / "version-1.json"
    old.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    sizes = {name: len(rows) for name, rows in document["sheets"].items()}

    assert counts_of(old)["awards"] == (0, 0, sizes["awards"])  # found again: unchanged
    wipe()
    assert counts_of(old)["award_nominees"] == (sizes["award_nominees"], 0, 0)
    assert stored() == want
