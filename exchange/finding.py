"""Finding records by their natural key: a row's own record, and those its cells name.

A key is looked up once: a record found (or loaded by its row) is remembered for the
rows that refer to it, and a sheet's stored records are read before its rows, a few
queries for the sheet (see known).
"""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import DatabaseError, models
from django.utils.translation import gettext as _

from awards.recipients import recipient_key

from .constraints import mirrored, validate_constraints
from .errors import RowError
from .rows import Row
from .sheet import YEAR_OF, Sheet


class Ambiguous(Exception):
    """Several records share a natural key that the database does not keep unique."""


class Retry(Exception):
    """A database error without a savepoint per row: the load is done again with them."""


class Finder:
    """The loader's finding of records (it holds ``found``, ``known``, ``row_record``)."""

    def remember(self, sheet: Sheet, row: Row) -> None:
        """A row loaded: later rows that refer to its key find its record without a query.

        Only a key with every cell filled, which ``find`` looks up the same way.
        """
        key = tuple(row.values.get(column) for column in sheet.key_columns)
        if self.row_record is not None and all(value is not None for value in key):
            self.found[(sheet.name, key)] = self.row_record

    def prefetch(self, sheet: Sheet, rows: list[Row]) -> None:
        """The stored records of the rows' keys, read at once (see known)."""
        lookups = []
        for row in rows:
            if row.example:
                continue
            try:
                lookup = self.key_only(sheet, row.values)
            except (Ambiguous, RowError):
                continue  # the row's own loading reports it
            except DatabaseError as error:
                raise Retry from error
            if lookup is not None:
                lookups.append(lookup)
        try:
            self.known.read(sheet, lookups)
        except DatabaseError as error:
            raise Retry from error

    def key_only(self, sheet: Sheet, values: dict) -> dict | None:
        """The row's key as ``existing`` looks it up; None if it cannot match or resolve."""
        lookup = {}
        for part in sheet.key:
            ref = sheet.ref_for(part)
            if ref is not None:
                if any(column not in values for column in ref.columns):
                    return None
                if all(values[column] is None for column in sheet.own_columns(ref)):
                    lookup[part] = None
                    continue
                lookup[part] = self.find(ref.target, tuple(values[c] for c in ref.columns))
                if lookup[part] is None:
                    return None
                continue
            column = part.removesuffix(YEAR_OF)
            if column not in values:
                return None
            value = for_field(sheet.model._meta.get_field(column), values[column])
            if value is None:
                return None
            lookup[part] = value.year if part.endswith(YEAR_OF) else value
        return recipient_key(lookup)  # as key_lookup gives it

    def find(self, sheet: Sheet, values: tuple):
        """The record of ``sheet`` whose natural key has ``values``, or None."""
        cache_key = (sheet.name, values)
        if cache_key in self.found:
            return self.found[cache_key]
        lookup, rest = {}, list(values)
        for part in sheet.key:
            ref = sheet.ref_for(part)
            size = len(ref.columns) if ref else 1
            taken, rest = tuple(rest[:size]), rest[size:]
            if ref is None:
                # An empty text is "" (a vote's draft title when it adopted a resolution).
                column = part.removesuffix(YEAR_OF)
                value = for_field(sheet.model._meta.get_field(column), taken[0])
                if value is None:
                    return None
                lookup[part] = value.year if part.endswith(YEAR_OF) else value
            elif any(value is not None for value in taken):
                lookup[part] = self.find(ref.target, taken)
                if lookup[part] is None:
                    return None
            else:
                lookup[part] = None
        record = unique(sheet, lookup)
        if record is not None:
            self.found[cache_key] = record
        return record

    def existing(self, sheet: Sheet, number: int, lookup: dict):
        # An empty key value cannot match; full_clean() then says what is required.
        if any(value is None for part, value in lookup.items() if not sheet.ref_for(part)):
            return None
        matches = self.known.matches(sheet, lookup)
        if matches is not None:  # read with the sheet's other keys (see known)
            if len(matches) > 1:
                raise RowError(sheet.name, number, sheet.key_label, str(ambiguous(sheet)))
            return matches[0] if matches else None
        try:
            return unique(sheet, lookup)
        except Ambiguous as error:
            raise RowError(sheet.name, number, sheet.key_label, str(error)) from None


def unique(sheet: Sheet, lookup: dict):
    matches = list(sheet.model.objects.filter(**lookup)[:2])
    if len(matches) > 1:
        raise ambiguous(sheet)
    return matches[0] if matches else None


def ambiguous(sheet: Sheet) -> Ambiguous:
    return Ambiguous(
        _("Several records of “%(sheet)s” have this key; the file cannot tell them apart.")
        % {"sheet": sheet.name}
    )


def for_field(model_field: models.Field, value):
    """An empty cell as the field expects it: its default, or "" for text."""
    if value is not None or model_field.null:
        return value
    if model_field.has_default():
        return model_field.get_default()
    return "" if isinstance(model_field, models.CharField | models.TextField) else None


def full_clean(record, *, found: dict, uniques=None) -> None:
    """``record.full_clean()``, without asking the database again whether the records
    ``found`` (a foreign key's target read or saved by this import) exist; with
    ``uniques`` (the loader's fast way), its unique checks compared with the records
    loaded so far instead of a query each, the database's constraints then refusing a
    clash with any other stored record (see uniques).

    Every other rule is checked as full_clean() checks it, constraints over those foreign
    keys included (the check constraints evaluated in Python, see constraints); the
    database's foreign keys remain. A foreign key limited to some
    choices is checked as usual.
    """
    proven = {
        name
        for name, target in found.items()
        if target is not None
        and target.pk is not None
        and not record._meta.get_field(name).remote_field.limit_choices_to
    }
    errors: dict = {}
    try:
        record.clean_fields(exclude=proven)
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    try:
        record.clean()
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    exclude = {name for name in errors if name != NON_FIELD_ERRORS}
    try:
        if uniques is None:
            record.validate_unique(exclude=exclude)
        else:
            uniques.validate_unique(record, exclude=exclude)
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    exclude = {name for name in errors if name != NON_FIELD_ERRORS}
    try:
        if mirrored(record) and uniques is not None:
            record.validate_constraints(exclude=exclude, check=uniques.check)
        elif mirrored(record):
            validate_constraints(record, exclude=exclude)  # the checks without a query
        else:  # a model's own validate_constraints() (or not a RecordModel)
            record.validate_constraints(exclude=exclude)
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)
