"""The import's batches (exchange.batches) never let a row past a rule that reads the
other rows of its own model: such a row is saved before the next one is checked.

A row waiting for its batch is not stored yet, so a clean() that counts or compares
the stored rows of its own model (a council's overlapping terms, a vote's roll call)
would not see it. The test reads each batched model's clean() for such a read, and
imports a file whose second term overlaps its first."""

import inspect
import json
import re
from pathlib import Path

import pytest

from councilwork.models import Term
from exchange import FORMAT, VERSION
from exchange.batches import READS_ITS_OWN_ROWS, batchable
from exchange.jsonfile import read_json
from exchange.load import ImportErrors, load
from exchange.spec import SHEETS
from tests.test_import_speed import COUNCIL, SLUG, TERM


def reads_own_rows(model) -> bool:
    """Whether ``model.clean`` (its own code) reads stored rows of ``model``: through its
    manager, or through a reverse accessor of one of its foreign keys (vote.roll_call)."""
    if "clean" not in vars(model):
        return False
    source = inspect.getsource(model.clean)
    managers = [rf"\b{model.__name__}\.objects\b", r"\btype\(self\)", r"self\.__class__"]
    accessors = [
        rf"\.{re.escape(field.remote_field.get_accessor_name())}\b"
        for field in model._meta.get_fields()
        if field.many_to_one and field.concrete and field.remote_field.get_accessor_name()
    ]
    return any(re.search(pattern, source) for pattern in managers + accessors)


def test_no_batched_model_checks_its_rows_against_its_own_stored_rows():
    batched = [sheet for sheet in SHEETS if batchable(sheet, sheet.model)]
    assert batched  # the rule is about something
    assert [s.name for s in batched if reads_own_rows(s.model)] == []
    # The reading is found where it is: each such sheet is saved row by row.
    found = {sheet.name for sheet in SHEETS if reads_own_rows(sheet.model)}
    assert (
        {"terms", "roll_call_votes"}
        <= found
        <= READS_ITS_OWN_ROWS | {s.name for s in SHEETS if not batchable(s, s.model)}
    )


@pytest.mark.django_db
def test_two_overlapping_terms_of_one_file_are_refused(tmp_path: Path):
    second = dict(TERM, start_date="01/01/2024", end_date="31/12/2028", name="2024–2028")
    sheets = {"councils": [COUNCIL], "terms": [TERM, second]}
    path = tmp_path / "nhiem-ky.json"
    path.write_text(
        json.dumps({"format": FORMAT, "version": VERSION, "sheets": sheets}), encoding="utf-8"
    )
    with pytest.raises(ImportErrors) as refused:
        load(*read_json(path.read_bytes()))
    errors = refused.value.errors
    assert [(error.sheet, error.column) for error in errors] == [("terms", "start_date")]
    assert "overlaps another term" in str(errors[0].message) or "trùng" in str(errors[0].message)
    assert not Term.objects.filter(council__slug=SLUG).exists()  # all or nothing
