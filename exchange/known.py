"""The stored records a sheet's rows name by their natural key, read in a few queries.

Before a sheet is loaded its rows' keys are computed (references resolved as the loader
resolves them) and the records holding those keys are read at once (each part of the key
among its values, the records of other keys then left out), so a row finds its
record without a query of its own. A key the index cannot answer for sure (a reference
that does not resolve yet, a text compared by a collation, which may match other
spellings than Python's ``==``) is left to the loader's own query, as before.
"""

from functools import reduce
from operator import and_

from django.core.exceptions import ValidationError
from django.db.models import Q

from .sheet import YEAR_OF, Sheet

CHUNK = 300  # lookups OR-ed in one query


class Known:
    """Per sheet, the stored records of the keys its rows name; None: not asked."""

    def __init__(self):
        self.sheets: dict[str, tuple[set[tuple], dict[tuple, list]]] = {}

    def read(self, sheet: Sheet, lookups: list[dict]) -> None:
        """Read the records of every lookup (the row's key as the loader's ORM lookup)."""
        if not indexable(sheet):
            return
        wanted = {identity(sheet, lookup): lookup for lookup in lookups}
        found: dict[tuple, list] = {}
        pending = list(wanted.values())
        for start in range(0, len(pending), CHUNK):
            for record in sheet.model.objects.filter(_covering(pending[start : start + CHUNK])):
                key = stored_identity(sheet, record)
                if key in wanted:  # the query may read others too (see _covering)
                    found.setdefault(key, []).append(record)
        self.sheets[sheet.name] = (set(wanted), found)

    def matches(self, sheet: Sheet, lookup: dict) -> list | None:
        """The stored records with the key of ``lookup``; None when the index cannot say."""
        if sheet.name not in self.sheets:
            return None
        wanted, found = self.sheets[sheet.name]
        key = identity(sheet, lookup)
        if key not in wanted:
            return None
        return found.get(key, [])

    def forget(self, sheet: Sheet, lookup: dict) -> None:
        """A row failed: its record (perhaps changed in memory) is read again if asked."""
        if sheet.name in self.sheets:
            self.sheets[sheet.name][0].discard(identity(sheet, lookup))


def _covering(lookups: list[dict]) -> Q:
    """A condition every record of ``lookups`` meets: each part of the key among the
    values the lookups give it (``IN``, or empty), one short query instead of an OR of
    every lookup (much slower to build and to plan); the records it reads beyond those
    keys are left out by their identity."""
    parts = []
    for name in lookups[0]:
        values = {getattr(lookup[name], "pk", lookup[name]) for lookup in lookups}
        given = [value for value in values if value is not None]
        condition = Q(**{f"{name}__in": given}) if given else None
        if None in values:
            empty = Q(**{f"{name}__isnull": True})
            condition = empty if condition is None else condition | empty
        parts.append(condition)
    return reduce(and_, parts)


def indexable(sheet: Sheet) -> bool:
    """Whether Python's equality is the database's on every plain part of the key."""
    for part in sheet.key:
        if sheet.ref_for(part) is None:
            field = sheet.model._meta.get_field(part.removesuffix(YEAR_OF))
            if getattr(field, "db_collation", None):
                return False
    return True


def identity(sheet: Sheet, lookup: dict) -> tuple:
    """A lookup as comparable values: a reference as its primary key."""
    values = []
    for part in sheet.key:
        value = lookup[part]
        if sheet.ref_for(part) is not None:
            values.append(getattr(value, "pk", value))
        elif part.endswith(YEAR_OF):
            values.append(value)
        else:
            values.append(_comparable(sheet.model._meta.get_field(part), value))
    return tuple(values)


def _comparable(field, value):
    """The value as the field holds it (a cell the field refuses: as it is, matching
    nothing stored; the row's validation then reports it)."""
    try:
        return field.to_python(value)
    except (ValidationError, TypeError, ValueError):
        return value


def stored_identity(sheet: Sheet, record) -> tuple:
    """The identity of a stored record, as ``identity`` gives it for its lookup."""
    values = []
    for part in sheet.key:
        if sheet.ref_for(part) is not None:
            values.append(getattr(record, sheet.model._meta.get_field(part).attname))
        elif part.endswith(YEAR_OF):
            day = getattr(record, part.removesuffix(YEAR_OF))
            values.append(day.year if day else None)
        else:
            field = sheet.model._meta.get_field(part)
            values.append(field.to_python(getattr(record, field.attname)))
    return tuple(values)
