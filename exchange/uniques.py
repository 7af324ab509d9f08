"""A row's unique checks without a query, for the loader's fast way (no savepoint per row).

Django checks each unique field, ``unique_together`` and UniqueConstraint of a record by
asking the database whether another record holds its values (a query per check per
row). Every one of them is also a constraint of the database, which refuses the INSERT
or UPDATE that would break it. The fast way therefore compares a row's values, in
Python, with the records this import has loaded so far (saved, or found unchanged), which
reports a repeat inside the file with Django's own message and at once; a clash with a
stored record the file does not name is refused by the database when the row is saved,
which has the whole file loaded again with a savepoint per row and Django's own checks
(see load), so the errors reported are the same either way.

A check the database does not enforce row by row (a deferrable constraint, a feature the
database lacks), ``unique_for_date`` and the like, or a model with its own
``validate_unique``, is checked as Django checks it.
"""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import connections, models
from django.db.models import UniqueConstraint

from .constraints import validate as validate_constraint


class Uniques:
    """The unique values of the records loaded so far, per model and check."""

    def __init__(self):
        # (model, check's fields) -> {values: record}; the values of each record held.
        self.held: dict[tuple, dict[tuple, object]] = {}
        self.records: dict[tuple, dict[object, tuple]] = {}
        self.plans: dict[type, list[tuple]] = {}

    def validate_unique(self, record, *, exclude: set) -> None:
        """``record.validate_unique(exclude)``, the unique checks compared in memory."""
        if type(record).validate_unique is not models.Model.validate_unique:
            record.validate_unique(exclude=exclude)
            return
        unique_checks, date_checks = record._get_unique_checks(exclude=exclude)
        errors = record._perform_date_checks(date_checks) if date_checks else {}
        for model_class, fields in unique_checks:
            values = _values(record, model_class, fields, skip_pk=True)
            if values is not None and self._clash(model_class, fields, values, record):
                key = fields[0] if len(fields) == 1 else NON_FIELD_ERRORS
                errors.setdefault(key, []).append(record.unique_error_message(model_class, fields))
        if errors:
            raise ValidationError(errors)

    def check(self, constraint, model_class, record, *, exclude, using: str) -> None:
        """One constraint of RecordModel.validate_constraints: a unique one the database
        enforces is compared in memory (fields) or left to the database (expressions, a
        condition); any other as exchange.constraints validates it."""
        if not _enforced(constraint, using):
            validate_constraint(constraint, model_class, record, exclude=exclude, using=using)
            return
        if constraint.condition is not None or not constraint.fields:
            return  # the database's index refuses the save (see the module's docstring)
        fields = tuple(constraint.fields)
        if exclude and any(name in exclude for name in fields):
            return  # as Django: a field with an error skips the constraint
        if any(model_class._meta.get_field(name).generated for name in fields):
            return
        values = _values(record, model_class, fields, skip_pk=False)
        if values is None or not self._clash(model_class, fields, values, record):
            return
        if constraint.violation_error_message == constraint.default_violation_error_message:
            message = record.unique_error_message(model_class, fields)
            raise ValidationError(message, code=message.code)
        raise ValidationError(
            constraint.get_violation_error_message(), code=constraint.violation_error_code
        )

    def loaded(self, record) -> None:
        """A row's record saved, waiting for its batch's insert (see batches) or found
        unchanged: its values are (or will be) the database's."""
        for model_class, fields in self._plan(type(record)):
            held = self.held.setdefault((model_class, fields), {})
            mine = self.records.setdefault((model_class, fields), {})
            before = mine.pop(id(record), None)
            if before is not None and held.get(before) is record:
                del held[before]
            values = _values(record, model_class, fields, skip_pk=False)
            if values is not None:
                held[values] = record
                mine[id(record)] = values

    def _clash(self, model_class, fields, values, record) -> bool:
        """Whether another record loaded by this import holds ``values``."""
        holder = self.held.get((model_class, fields), {}).get(values)
        if holder is None or holder is record:
            return False
        return holder.pk is None or holder.pk != record.pk

    def _plan(self, model) -> list[tuple]:
        """Every check by fields of ``model``: unique fields, unique_together, constraints."""
        if model not in self.plans:
            record = model()
            checks, _dates = record._get_unique_checks(include_meta_constraints=True)
            plan = []
            for model_class, fields in checks:
                plan.append((model_class, tuple(fields)))
            self.plans[model] = plan
        return self.plans[model]


def _enforced(constraint, using: str) -> bool:
    """Whether the database refuses, at the row's save, what ``constraint`` forbids."""
    if not isinstance(constraint, UniqueConstraint) or constraint.deferrable is not None:
        return False
    features = connections[using].features
    if constraint.condition is not None and not features.supports_partial_indexes:
        return False
    if constraint.expressions and not features.supports_expression_indexes:
        return False
    if constraint.nulls_distinct is not None:
        return False  # compared as Django compares it
    return not features.interprets_empty_strings_as_nulls


def _values(record, model_class, fields, *, skip_pk: bool) -> tuple | None:
    """The record's values for ``fields``; None when one is empty (NULL clashes with
    nothing in SQL), as Django skips the check then."""
    values = []
    for name in fields:
        field = model_class._meta.get_field(name)
        if skip_pk and field.primary_key and not record._state.adding:
            return None  # no need to check the primary key of a stored record
        value = getattr(record, field.attname)
        if value is None:
            return None
        values.append(value)
    return tuple(values)
