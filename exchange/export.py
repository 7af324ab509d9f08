"""The rows of one year's exchange file: every record as a flat row of natural keys."""

from dataclasses import dataclass, field
from pathlib import Path

from django.utils import timezone
from django.utils.translation import gettext as _

from councilwork.models import Council

from . import FORMAT, VERSION, ExchangeError
from .collect import Scope, collect
from .files import file_path, write_file
from .lists import to_text
from .spec import SHEETS, YEAR_OF, Ref, Sheet
from .values import USERNAME


@dataclass
class Document:
    """A file's header (format, version, year, council, exported_at) and typed rows per sheet."""

    meta: dict
    sheets: dict[str, list[dict]] = field(default_factory=dict)

    @property
    def row_count(self) -> int:
        return sum(len(rows) for rows in self.sheets.values())


def header(year: int | None = None, council: str | None = None) -> dict:
    """The file's header; the template has neither year nor council."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "year": year,
        "council": council,
        "exported_at": timezone.localtime().isoformat(timespec="seconds"),
    }


def export_year(
    council: Council,
    year: int,
    *,
    progress=None,
    files: Path | None = None,
    personal_data: bool = False,
) -> Document:
    """Every record of ``council`` and its child councils for ``year`` (see collect);
    ``progress`` (a councilwork.progress.Progress factory: total, unit) counts the rows;
    the session documents' files are written to the folder ``files`` when given; the
    citizens' personal data (a case's name, address, contact) only with ``personal_data``:
    files go to leaders too, who may not see them."""
    records = collect(Scope(council=council, year=year))
    keys = _Keys(records)
    document = Document(meta=header(year, council.slug))
    shown = progress(sum(map(len, records.values())), _("rows")) if progress else None
    for sheet in SHEETS:
        ordered = sorted(records[sheet.name].values(), key=lambda r: _sortable(keys.of(sheet, r)))
        _refuse_namesakes(sheet, ordered, keys)
        ordered = _referenced_first(sheet, ordered, records[sheet.name])
        document.sheets[sheet.name] = rows = [
            _row(sheet, record, keys, personal_data) for record in ordered
        ]
        if sheet.handled and files is not None:
            for record, row in zip(ordered, rows, strict=True):
                write_file(record, files, row["file"])
        if shown:
            shown.advance(len(ordered))
    if shown:
        shown.close()
    return document


class _Keys:
    """Natural keys of the collected records, computed once each from the records in memory."""

    def __init__(self, records: dict[str, dict[int, object]]):
        self.records = records
        self.cache: dict[tuple[str, int], tuple] = {}

    def of(self, sheet: Sheet, record) -> tuple:
        """The values of ``sheet.key_columns`` for ``record``."""
        cached = self.cache.get((sheet.name, record.pk))
        if cached is None:
            values = []
            for part in sheet.key:
                ref = sheet.ref_for(part)
                if ref:
                    values.extend(self.target(ref, record))
                else:
                    values.append(getattr(record, part.removesuffix(YEAR_OF)))
            cached = self.cache[(sheet.name, record.pk)] = tuple(values)
        return cached

    def target(self, ref: Ref, record) -> tuple:
        """The key of the record ``ref`` points to, or empty values when it points nowhere."""
        pk = getattr(record, f"{ref.field}_id")
        if pk is None:
            return (None,) * len(ref.columns)
        return self.of(ref.target, self.records[ref.sheet][pk])


def _row(sheet: Sheet, record, keys: _Keys, personal_data: bool = False) -> dict:
    row = {}
    for column in sheet.fields:
        if column in sheet.lists:
            row[column] = to_text(record, column)
            continue
        value = getattr(record, column)
        if column in sheet.personal and not personal_data:
            value = None  # left empty: an import of the file keeps the stored value
        elif sheet.kind(column) == USERNAME:
            value = value.username if value else None
        row[column] = value
    for ref in sheet.refs:
        for column, value in zip(ref.columns, keys.target(ref, record), strict=True):
            # A shared column (an activity's council) is not blanked by an empty reference.
            if value is not None or column not in row:
                row[column] = value
    if sheet.handled:  # a document's file: its path in the folder of files
        row["file"] = file_path(row)
    return {column: row[column] for column in sheet.columns}


def _sortable(key: tuple) -> tuple:
    return tuple((value is None, value if value is not None else 0) for value in key)


def _refuse_namesakes(sheet: Sheet, ordered: list, keys: _Keys) -> None:
    """Two records with one natural key would merge on import; say so instead of exporting.

    Only keys the database does not keep unique can repeat: people's full names,
    activities' titles and dates, recommendations' texts, commitments' positions.
    """
    previous = None
    for record in ordered:
        key = keys.of(sheet, record)
        if key == previous:
            shown = ", ".join(str(value) for value in key if value is not None)
            raise ExchangeError(
                _(
                    "Two records of “%(sheet)s” share the key (%(key)s), so an import could "
                    "not tell them apart. Make them different (e.g. a person's full name) "
                    "and export again."
                )
                % {"sheet": sheet.name, "key": shown}
            )
        previous = key


def _referenced_first(sheet: Sheet, ordered: list, by_pk: dict) -> list:
    """``ordered`` with every parent or successor council moved before the councils citing it."""
    inside = [ref for ref in sheet.refs if ref.sheet == sheet.name]
    if not inside:
        return ordered
    result, placed = [], set()

    def place(record):
        if record.pk in placed:
            return
        placed.add(record.pk)
        for ref in inside:
            pk = getattr(record, f"{ref.field}_id")
            if pk is not None:
                place(by_pk[pk])
        result.append(record)

    for record in ordered:
        place(record)
    return result
