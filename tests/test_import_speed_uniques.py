"""The fast way's unique checks (exchange.uniques): a clash only the database's constraint
refuses at the save (here a unique condition) has the file loaded again with a savepoint
per row, which reports the per-row way's errors, and nothing is written."""

import json
from pathlib import Path

import pytest

import exchange.load as loading
from councilwork.models import Body
from exchange import FORMAT, VERSION
from exchange.jsonfile import read_json
from exchange.load import ImportErrors, load

SLUG = "thu-trung-ten"
COUNCIL = {"slug": SLUG, "name": "HĐND phường Thử Trùng Tên", "short_name": "Thử Trùng Tên",
           "level": "Phường", "parent": "duong-kinh"}  # fmt: skip


def _body(name: str, kind: str = "committee") -> dict:
    return {"council": SLUG, "name": name, "kind": kind, "established_on": None,
            "dissolved_on": None}  # fmt: skip


def _file(tmp_path: Path, bodies: list[dict]) -> Path:
    path = tmp_path / "ban.json"
    sheets = {"councils": [COUNCIL], "bodies": bodies}
    path.write_text(
        json.dumps({"format": FORMAT, "version": VERSION, "sheets": sheets}), encoding="utf-8"
    )
    return path


def _both_ways(path: Path, monkeypatch) -> tuple[list[bool], ImportErrors, ImportErrors]:
    """The runs of the default way, its errors, and the per-row way's errors."""
    calls, real = [], loading._load_all

    def spy(*args, savepoints):
        calls.append(savepoints)
        return real(*args, savepoints=savepoints)

    monkeypatch.setattr(loading, "_load_all", spy)
    with pytest.raises(ImportErrors) as fast:
        load(*read_json(path.read_bytes()))
    monkeypatch.setattr(loading, "_load_all", lambda *a, savepoints: real(*a, savepoints=True))
    with pytest.raises(ImportErrors) as per_row:
        load(*read_json(path.read_bytes()))
    return calls, fast.value, per_row.value


@pytest.mark.django_db
def test_two_active_standing_committees_are_refused_as_row_by_row(tmp_path, monkeypatch):
    bodies = [_body("Ban Pháp chế"), _body("Thường trực A", "standing_committee"),
              _body("Thường trực B", "standing_committee")]  # fmt: skip
    calls, fast, per_row = _both_ways(_file(tmp_path, bodies), monkeypatch)
    assert calls == [False, True]  # the database refused the save: loaded again
    assert [vars(e) for e in fast.errors] == [vars(e) for e in per_row.errors]
    assert [(e.sheet, e.row) for e in fast.errors] == [("bodies", 3)]
    assert not Body.objects.filter(council__slug=SLUG).exists()
