"""A row's check constraints evaluated in Python, as the database would evaluate them.

Django checks a CheckConstraint by asking the database (one query per constraint per
row). The conditions of this project's constraints are comparisons of the record's own
fields with constants or with its other fields (``exact``, ``in``, ``isnull``, ``gt``,
``gte``, ``lt``, ``lte``, ``F()``), joined by AND, OR and NOT: they are evaluated here
on the record, with SQL's three-valued logic (a comparison with NULL is unknown, and a
condition that is unknown passes, as the database's CHECK and Django's own validation
let it). Django drops None from an ``__in`` list (``x IN (1)`` for ``[1, None]``) and
this module too; a list of None only is left to the database. Under NOT, Django's
table CHECK adds ``AND x IS NOT NULL`` to a comparison of a nullable ``x``: that can turn
an unknown condition true, never false, so the verdict (refused or not) is the same.
tests/test_import_constraints_nulls.py holds the database's verdicts for such shapes.

A condition this module cannot evaluate for sure (another lookup, a relation, an
expression, a generated column, a text compared by a collation) is asked of the
database, as Django asks it; so is every condition on a database other than SQLite and
PostgreSQL, whose texts compare otherwise (MySQL's collations ignore case).
"""

from django.core.exceptions import ValidationError
from django.db import connections
from django.db.models import CheckConstraint, F, Q

from councilwork.models import RecordModel

_ORDERED = {"gt", "gte", "lt", "lte"}
_LOOKUPS = {"exact", "in", "isnull", *_ORDERED}
_VENDORS = {"sqlite", "postgresql"}  # texts equal only when their characters are


class _Unsupported(Exception):
    """A condition left to the database."""


def validate(constraint, model_class, instance, *, exclude, using: str) -> None:
    """``constraint.validate(...)``, without a query for a check this module can evaluate."""
    if isinstance(constraint, CheckConstraint) and _in_python(using):
        try:
            verdict = _evaluate(Q(constraint.condition), model_class, instance, exclude)
        except _Unsupported:
            pass
        else:
            if verdict is False:
                raise ValidationError(
                    constraint.get_violation_error_message(), code=constraint.violation_error_code
                )
            return
    constraint.validate(model_class, instance, exclude=exclude, using=using)


def _in_python(using: str) -> bool:
    connection = connections[using]
    features = connection.features
    return (
        connection.vendor in _VENDORS
        and features.supports_comparing_boolean_expr
        and not (features.interprets_empty_strings_as_nulls)
    )


class _Excluded(Exception):
    """A field left out of the validation: Django then skips the constraint."""


def _evaluate(condition: Q, model_class, instance, exclude) -> bool | None:
    """True, False, or None (unknown, which passes); _Unsupported when unsure."""
    try:
        return _node(condition, model_class, instance, set(exclude or ()))
    except _Excluded:
        return None  # as Django: the constraint is not checked


def _node(node: Q, model_class, instance, exclude) -> bool | None:
    if node.connector not in (Q.AND, Q.OR):
        raise _Unsupported
    results = []
    for child in node.children:
        if isinstance(child, Q):
            results.append(_node(child, model_class, instance, exclude))
        elif isinstance(child, tuple) and len(child) == 2:
            results.append(_leaf(*child, model_class, instance, exclude))
        else:
            raise _Unsupported
    if node.connector == Q.AND:
        verdict = False if False in results else (None if None in results else True)
    else:
        verdict = True if True in results else (None if None in results else False)
    if node.negated and verdict is not None:
        return not verdict
    return verdict


def _leaf(key: str, value, model_class, instance, exclude) -> bool | None:
    name, _, lookup = key.rpartition("__")
    if lookup not in _LOOKUPS:
        name, lookup = key, "exact"
    field = _field(name, model_class, exclude)
    left = _value(field, instance)
    if lookup == "exact" and value is None:
        lookup, value = "isnull", True
    if lookup == "isnull":
        if not isinstance(value, bool):
            raise _Unsupported
        return (left is None) is value
    if isinstance(value, F):
        right = _value(_field(value.name, model_class, exclude), instance)
    elif hasattr(value, "resolve_expression"):
        raise _Unsupported
    elif lookup == "in":
        right = [_prepared(field, each) for each in value if each is not None]
        if not right:
            raise _Unsupported
    elif value is None:
        raise _Unsupported  # Django refuses None to compare with: its error, not ours
    else:
        right = _prepared(field, value)
    if left is None or right is None:
        return None
    if lookup == "in":
        return left in right
    if lookup == "exact":
        return left == right
    if isinstance(left, str) or isinstance(right, str):
        raise _Unsupported  # the order of texts is the collation's
    try:
        return {
            "gt": left > right,
            "gte": left >= right,
            "lt": left < right,
            "lte": left <= right,
        }[lookup]
    except TypeError:
        raise _Unsupported from None


def _field(name: str, model_class, exclude):
    """A local concrete field of the model that Django's check would see by ``name``."""
    if "__" in name or name == "pk":
        raise _Unsupported
    fields = {field.name: field for field in model_class._meta.local_concrete_fields}
    field = fields.get(name)
    if field is None or field.generated or getattr(field, "db_collation", None):
        raise _Unsupported
    if name in exclude:
        raise _Excluded
    return field


def _value(field, instance):
    value = getattr(instance, field.attname)
    if hasattr(value, "resolve_expression"):
        raise _Unsupported
    return _prepared(field, value)


def _prepared(field, value):
    if value is None:
        return None
    try:
        return field.get_prep_value(value)
    except (ValidationError, TypeError, ValueError):
        raise _Unsupported from None


def mirrored(record) -> bool:
    """Whether ``record``'s validate_constraints() is RecordModel's, which
    ``validate_constraints`` below does the same (a model's own override is called)."""
    return (
        isinstance(record, RecordModel)
        and type(record).validate_constraints is RecordModel.validate_constraints
    )


def validate_constraints(record, *, exclude) -> None:
    """``record.validate_constraints(exclude)``, the checks evaluated here (see validate).

    RecordModel.validate_constraints with this module's ``validate`` for each
    constraint, for a record ``mirrored`` says yes to; any other is validated by its
    own method.
    """
    if not mirrored(record):
        record.validate_constraints(exclude=exclude)
        return
    record.validate_constraints(exclude=exclude, check=validate)
