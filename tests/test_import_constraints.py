"""The import's check constraints evaluated in Python say what the database says.

Every CheckConstraint of the project's models is checked on many records (each field it
reads empty, at an edge, or each of its choices), in Python (exchange.constraints) and
by the database (Django's own CheckConstraint.validate): the same verdict every time,
and the Python way runs no query.
"""

import datetime
import itertools
import random
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.db.models import CheckConstraint, F, Q
from django.test.utils import CaptureQueriesContext

from exchange.constraints import _evaluate, _Unsupported, validate

APPS = ("councilwork", "sessions", "oversight", "awards", "voters", "campaigns")


def _checks():
    for app in APPS:
        for model in apps.get_app_config(app).get_models():
            for constraint in model._meta.constraints:
                if isinstance(constraint, CheckConstraint):
                    yield model, constraint


def _names(node: Q) -> set[str]:
    names = set()
    for child in node.children:
        if isinstance(child, Q):
            names |= _names(child)
            continue
        key, value = child
        parts = key.split("__")
        names.add(parts[0])
        if isinstance(value, F):
            names.add(value.name)
    return names


def _candidates(field) -> list:
    values = [None]
    if field.choices:
        return values + [code for code, _label in field.flatchoices] + [""]
    if isinstance(field, models.ForeignKey):
        return [*values, 1, 2]
    if isinstance(field, models.DateTimeField):
        return values + [datetime.datetime(2024, 1, d, tzinfo=datetime.UTC) for d in (1, 2)]
    if isinstance(field, models.DateField):
        return [*values, datetime.date(2024, 1, 1), datetime.date(2024, 1, 2)]
    if isinstance(field, models.DecimalField):
        return [*values, Decimal("-1"), Decimal("0"), Decimal("0.5")]
    if isinstance(field, models.IntegerField | models.FloatField):
        return [*values, -1, 0, 1, 1944, 1945, 2200, 2201]
    if isinstance(field, models.CharField | models.TextField):
        return [*values, "", "x"]
    return values


def _verdict(check, *args, **kwargs) -> bool:
    try:
        check(*args, **kwargs)
    except ValidationError:
        return False
    return True


CHECKS = list(_checks())


def test_every_check_constraint_of_the_project_is_evaluated_in_python():
    assert len(CHECKS) > 20
    for model, constraint in CHECKS:
        try:
            _evaluate(Q(constraint.condition), model, model(), None)
        except _Unsupported:
            pytest.fail(f"{model.__name__}.{constraint.name} is left to the database")


@pytest.mark.django_db
@pytest.mark.parametrize(("model", "constraint"), CHECKS, ids=[c.name for _m, c in CHECKS])
def test_python_and_the_database_agree(model, constraint):
    fields = [model._meta.get_field(name) for name in sorted(_names(Q(constraint.condition)))]
    cases = list(itertools.product(*(_candidates(field) for field in fields)))
    random.Random(constraint.name).shuffle(cases)
    for case in cases[:150]:
        record = model()
        for field, value in zip(fields, case, strict=True):
            setattr(record, field.attname, value)
        database = _verdict(constraint.validate, model, record, using="default")
        with CaptureQueriesContext(connection) as captured:
            python = _verdict(validate, constraint, model, record, exclude=None, using="default")
        shown = dict(zip([field.name for field in fields], case, strict=True))
        assert python == database, (constraint.name, shown)
        assert not captured.captured_queries
    # A field left out of the validation: the constraint is not checked, as in Django.
    record = model()
    exclude = {fields[0].name}
    assert _verdict(validate, constraint, model, record, exclude=exclude, using="default")


@pytest.mark.django_db
def test_a_condition_python_cannot_evaluate_is_asked_of_the_database():
    from sessions.models import Session

    constraint = CheckConstraint(condition=Q(title__startswith="K"), name="unsupported")
    record = Session(title="Khác")
    with CaptureQueriesContext(connection) as captured:
        assert _verdict(validate, constraint, Session, record, exclude=None, using="default")
    assert len([q for q in captured.captured_queries if "_check" in q["sql"]]) == 1
    record.title = "Other"
    assert not _verdict(validate, constraint, Session, record, exclude=None, using="default")
