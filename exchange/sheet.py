"""A sheet of the exchange format: one model, its columns, natural key and references.

The sheets themselves are declared in spec.py; the many-to-many columns (the deputies
present at a reception day or a meeting with voters) are read and written in lists.py,
and the citizens' personal data are exported only on request (see export.py).
"""

from dataclasses import dataclass
from functools import cached_property

from django.db import models

from .values import kind_of

YEAR_OF = "__year"  # a key part "adopted_on__year" matches the year of the adopted_on column


@dataclass(frozen=True)
class Ref:
    """A foreign key ``field`` written as the natural key of a row of ``sheet``."""

    field: str
    sheet: str
    columns: tuple[str, ...]

    @property
    def target(self) -> "Sheet":
        from .spec import BY_NAME  # the sheets are declared there, with this class

        return BY_NAME[self.sheet]


def ref(field: str, sheet: str, columns: str) -> Ref:
    """A reference whose columns are given as one space-separated string."""
    return Ref(field, sheet, tuple(columns.split()))


@dataclass(frozen=True)
class Sheet:
    """One model as a sheet: its columns in order, its natural key and its references.

    ``key`` names model fields (references included) whose values find the row;
    columns that no reference uses are the model's own fields, with the same names.
    """

    name: str
    model: type[models.Model]
    columns: tuple[str, ...]
    key: tuple[str, ...]
    refs: tuple[Ref, ...] = ()
    # Columns the sheet's own code reads and writes (a document's file: see files.py).
    handled: tuple[str, ...] = ()
    # Many-to-many columns: the deputies present, by full name (see lists.py).
    lists: tuple[str, ...] = ()
    # Citizens' personal data: exported only with --with-personal-data; an empty cell on
    # import leaves the stored value as it is.
    personal: tuple[str, ...] = ()

    def ref_for(self, field: str) -> Ref | None:
        return next((ref for ref in self.refs if ref.field == field), None)

    @cached_property
    def fields(self) -> tuple[str, ...]:
        """The columns that are the model's own fields."""
        used = {column for ref in self.refs for column in ref.columns}
        return tuple(column for column in self.columns if column not in used)

    @cached_property
    def key_columns(self) -> tuple[str, ...]:
        """The columns holding the natural key, as another sheet's reference lists them."""
        columns = []
        for part in self.key:
            ref = self.ref_for(part)
            columns.extend(ref.columns if ref else (part.removesuffix(YEAR_OF),))
        return tuple(columns)

    @property
    def key_label(self) -> str:
        """The key columns for messages, each once (a shared column counts once)."""
        return ", ".join(dict.fromkeys(self.key_columns))

    def own_columns(self, ref: Ref) -> tuple[str, ...]:
        """The reference's columns that nothing else in the row uses (empty: no target)."""
        shared = set(self.fields) | {c for r in self.refs if r is not ref for c in r.columns}
        return tuple(column for column in ref.columns if column not in shared) or ref.columns

    def field_of(self, column: str) -> models.Field:
        """The model field behind ``column``: its own, or the key part of the sheet it cites."""
        if column in self.fields:
            return self.model._meta.get_field(column)
        for ref in self.refs:
            if column in ref.columns:
                target = ref.target
                return target.field_of(target.key_columns[ref.columns.index(column)])
        raise KeyError(column)

    def kind(self, column: str) -> str:
        """The cell type of ``column`` (see values.kind_of)."""
        return kind_of(self.field_of(column))

    def column_for(self, field: str) -> str:
        """The column where an error of model field ``field`` is reported."""
        ref = self.ref_for(field)
        if ref:
            return ", ".join(self.own_columns(ref))
        return field if field in self.columns else self.key_label


def sheet(name: str, model, columns: str, key: str, *refs: Ref) -> Sheet:
    """A sheet whose columns and key are given as space-separated strings."""
    return Sheet(name, model, tuple(columns.split()), tuple(key.split()), refs)
