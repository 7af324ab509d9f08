"""The import checks a record with exchange.finding.full_clean, its own copy of Django's
Model.full_clean (it skips asking whether the foreign keys it has just found exist). A
model the import writes that overrides full_clean(), or a step of it the copy does not
call on the record but re-implements, would have that override skipped on import only:
its rule would hold in the admin and the forms, and not for a file. This test fails then,
so that the override is taken into finding.full_clean (or the copy made to call it)."""

import ast
import inspect
import textwrap

from django.db import models

from councilwork.models import RecordModel
from exchange import finding
from exchange.spec import SHEETS

# The steps of Model.full_clean, called on the record by finding.full_clean or not.
STEPS = ("clean_fields", "clean", "validate_unique", "validate_constraints")
# Overrides a re-implementation copies on purpose (its docstring says so): not skipped.
MIRRORED = {("validate_constraints", RecordModel)}


def called_on_the_record() -> set[str]:
    """The methods finding.full_clean calls on ``record`` (``record.clean()``...)."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(finding.full_clean)))
    return {
        node.func.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "record"
    }


def guarded() -> set[str]:
    """full_clean itself (never called), and every step the copy does not call."""
    return {"full_clean"} | (set(STEPS) - called_on_the_record())


def own_classes(model) -> list[type]:
    """The model and its bases up to django.db.models.Model (not it, nor beyond)."""
    return [
        cls for cls in model.__mro__ if issubclass(cls, models.Model) and cls is not models.Model
    ]


def test_finding_full_clean_still_calls_the_records_steps():
    """What the guard relies on: the copy calls the record's clean() at least."""
    assert "clean" in called_on_the_record()
    assert guarded() >= {"full_clean"}


def test_no_imported_model_overrides_what_the_import_bypasses():
    names = guarded()
    problems = []
    for sheet in SHEETS:
        for cls in own_classes(sheet.model):
            for name in sorted(names & set(vars(cls))):
                if (name, cls) in MIRRORED:
                    continue
                problems.append(
                    f"{cls.__module__}.{cls.__qualname__}.{name} (sheet “{sheet.name}”): the "
                    f"import checks its records with exchange.finding.full_clean, which does "
                    f"not call {name}(), so this override would be skipped when a file is "
                    f"imported; move its rule into clean() or teach finding.full_clean it"
                )
    assert not problems, "\n".join(problems)
