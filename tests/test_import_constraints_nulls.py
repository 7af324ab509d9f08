"""The import's check constraints evaluated in Python follow SQL's three-valued logic.

A comparison with NULL is unknown, NOT of unknown is unknown, and a CHECK whose
condition is unknown passes. For conditions of many shapes (negated comparisons of a
nullable field, ``__in`` lists holding None, comparisons with another field that is
NULL, nested negations), and every combination of the values of the fields each reads,
NULL included, the verdict of exchange.constraints is the database's: the row inserted
into a table created with that CHECK constraint is refused exactly when Python says no,
and Django's own validation (Q.check) says the same. Python asks no query.
"""

import datetime
import itertools
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, models, transaction
from django.db.models import CheckConstraint, F, Q
from django.test.utils import CaptureQueriesContext, isolate_apps

from exchange.constraints import _evaluate, _Unsupported, validate

pytestmark = pytest.mark.django_db

VALUES = {
    "a": [None, 0, 1, 5, 6],
    "b": [None, 0, 1, 5],
    "text": [None, "", "x", "X", "y"],
    "flag": [None, True, False],
    "amount": [None, Decimal("-0.5"), Decimal("0"), Decimal("0.5")],
    "start": [None, datetime.date(2024, 1, 1), datetime.date(2024, 1, 2)],
    "end": [None, datetime.date(2024, 1, 1), datetime.date(2024, 1, 2)],
    "count": [0, 5],  # NOT NULL
}

SHAPES = {
    "gt": Q(a__gt=5),
    "not-gt": ~Q(a__gt=5),
    "not-gte-and-lt": ~Q(a__gte=1, b__lt=5),
    "in-with-none": Q(a__in=[1, None]),
    "not-in-with-none": ~Q(a__in=[1, None]),
    "not-in": ~Q(a__in=[0, 5]),
    "exact-f": Q(a=F("b")),
    "not-exact-f": ~Q(a=F("b")),
    "lt-f-or-isnull": Q(a__lt=F("b")) | Q(b__isnull=True),
    "not-of-not-and": ~(~Q(a__gt=5) & Q(b=1)),
    "not-of-not-or": ~(~Q(a__gte=1) | Q(b__lte=1)),
    "double-negation": ~~Q(a__lte=1),
    "isnull-false-or-not-exact": Q(a__isnull=False) | ~Q(b=5),
    "not-exact-none": ~Q(a=None),
    "exact-none-or-gt": Q(a=None) | Q(a__gt=0),
    "text-or-not-in": Q(text="x") | ~Q(text__in=["y", None]),
    "not-text": ~Q(text="x"),
    "not-empty-text": ~Q(text="") & ~Q(text__isnull=True),
    "flag-or-isnull": Q(flag=True) | Q(a__isnull=True),
    "not-flag": ~Q(flag=False),
    "decimal": Q(amount__gte=0),
    "not-decimal": ~Q(amount__lt=0) | Q(flag=True),
    "dates": Q(start__lte=F("end")) | Q(end__isnull=True),
    "not-dates": ~Q(end__lt=F("start")),
    "not-null-field-f": Q(count__gt=F("a")) & ~Q(a__lt=0),
    "not-null-field-not": ~Q(count=F("b")),
    "deep": ~(Q(a__gt=1) & ~(Q(b__isnull=True) | ~Q(b__lt=F("a")))),
}


def _fields(node: Q) -> set[str]:
    names = set()
    for child in node.children:
        if isinstance(child, Q):
            names |= _fields(child)
        else:
            key, value = child
            names.add(key.split("__")[0])
            if isinstance(value, F):
                names.add(value.name)
    return names


def _model(name: str, condition: Q):
    """A model of every kind of field the shapes read, with ``condition`` as its CHECK."""
    meta = type(
        "Meta",
        (),
        {"app_label": "exchange", "constraints": [CheckConstraint(condition=condition, name=name)]},
    )
    return type(
        f"Shape{name.title().replace('-', '')}",
        (models.Model,),
        {
            "__module__": __name__,
            "Meta": meta,
            "a": models.IntegerField(null=True),
            "b": models.IntegerField(null=True),
            "text": models.CharField(max_length=5, null=True),
            "flag": models.BooleanField(null=True),
            "amount": models.DecimalField(max_digits=5, decimal_places=2, null=True),
            "start": models.DateField(null=True),
            "end": models.DateField(null=True),
            "count": models.IntegerField(default=0),
        },
    )


def _refused_by_the_table(model, record) -> bool:
    """Whether the database's CHECK refuses ``record``, inserted into a real table."""
    try:
        with transaction.atomic():
            record.save(force_insert=True)
    except IntegrityError:
        return True
    return False


def _refused(check, *args, **kwargs) -> bool:
    try:
        check(*args, **kwargs)
    except ValidationError:
        return True
    return False


@isolate_apps("exchange")
@pytest.mark.parametrize("name", SHAPES)
def test_python_says_what_the_database_says_nulls_included(name):
    condition = SHAPES[name]
    model = _model(name, condition)
    (constraint,) = model._meta.constraints
    editor = connection.SchemaEditorClass(connection)
    sql, params = editor.table_sql(model)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
    fields = sorted(_fields(condition))
    cases = list(itertools.product(*(VALUES[field] for field in fields)))
    refusals = 0
    for case in cases:
        record = model(**dict(zip(fields, case, strict=True)))
        with CaptureQueriesContext(connection) as captured:
            verdict = _evaluate(Q(condition), model, record, None)
            python = _refused(validate, constraint, model, record, exclude=None, using="default")
        assert not captured.captured_queries, (name, case)
        assert python == (verdict is False)
        shown = (name, dict(zip(fields, case, strict=True)), verdict)
        assert python == _refused_by_the_table(model, record), shown
        assert python == _refused(constraint.validate, model, record, using="default"), shown
        refusals += python
    # Every shape has rows the database refuses and rows it accepts.
    assert 0 < refusals < len(cases), name


@isolate_apps("exchange")
def test_a_null_compared_is_unknown_and_passes_but_not_when_negated_twice_around_it():
    model = _model("spot", Q(a__gt=5))
    record = model(a=None, b=1)
    assert _evaluate(~Q(a__gt=5), model, record, None) is None
    assert _evaluate(Q(a__in=[1, None]), model, model(a=2), None) is False
    assert _evaluate(~Q(a__in=[1, None]), model, model(a=1), None) is False
    assert _evaluate(Q(a=F("b")), model, record, None) is None
    assert _evaluate(~(~Q(a__gt=5) & Q(b=1)), model, record, None) is None
    assert _evaluate(~(Q(a__isnull=True) & Q(b=1)), model, record, None) is False


@isolate_apps("exchange")
def test_an_order_with_none_is_left_to_django_which_refuses_it():
    model = _model("none", Q(a__gt=5))
    with pytest.raises(_Unsupported):
        _evaluate(Q(a__gt=None), model, model(a=1), None)
    with pytest.raises(_Unsupported):
        _evaluate(~Q(a__in=[None]), model, model(a=1), None)
