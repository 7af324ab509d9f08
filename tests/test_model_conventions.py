"""House rules for every record model: documented, related names, history protected."""

import pytest
from django.db import models

from councilwork.registry import record_models

# The audit-history tables simple-history derives from them follow its own conventions.
MODELS = record_models()
FOREIGN_KEYS = [
    (model, field)
    for model in MODELS
    for field in model._meta.get_fields()
    if isinstance(field, models.ForeignKey) and field.model is model
]
# Children entered inline as part of their parent's record; everything else is PROTECTed.
OWNED = {
    ("recommendation", "activity"),
    ("criterion", "campaign"),
    ("classificationthreshold", "campaign"),
    ("score", "scorecard"),
    ("commitment", "pledge"),
}


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label)
def test_model_keeps_an_audit_history(model):
    if model.__name__ != "User":
        assert hasattr(model, "history"), model.__name__


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label)
def test_model_has_a_docstring_and_vietnamese_names(model):
    assert model.__doc__ and not model.__doc__.startswith(f"{model.__name__}(")
    assert model._meta.verbose_name != model._meta.model_name


@pytest.mark.parametrize(
    ("model", "field"), FOREIGN_KEYS, ids=lambda x: getattr(x, "name", getattr(x, "__name__", ""))
)
def test_foreign_key_has_a_related_name_and_keeps_history(model, field):
    assert field.remote_field.related_name, f"{model.__name__}.{field.name}"
    on_delete = field.remote_field.on_delete
    if (model._meta.model_name, field.name) in OWNED:
        assert on_delete is models.CASCADE
    else:
        assert on_delete is models.PROTECT, f"{model.__name__}.{field.name}"
