"""What a file filled by hand may leave out because the file already says it.

Filled in on the raw rows before they are read (see load.py): each fact is typed once.
Only a cell that is absent or empty is filled; a typed value is never replaced, so a
wrong one is still reported by the parser or the model's rules.

- A one-council file's council: every required council column of every sheet (the
  row's own council, never an optional one such as a recipient's or a parent), and
  only when no council column of the file names another council.
- A resolution number typed as written on the document ("01/NQ-HĐND", "Số 01/NQ-HĐND",
  "01/2023/NQ-HĐND"): the number, and the symbol in its own column (as
  Resolution.code writes it back: number, "/", symbol).
- A session's or a deputy's term: the term of the council that covers the row's date
  (see implied_terms).
- A key column added to the format after a file was made (an award's organisation
  recipient, version 2): a row without it names no such recipient.
"""

import re
import unicodedata
from functools import cache

from django.utils.translation import gettext as _

from sessions.models import Resolution

from .errors import cell
from .examples import is_example
from .implied_terms import empty, fill_terms, value
from .jsonfile import RawSheets
from .labels import label
from .sheet import Sheet
from .spec import BY_NAME, SHEETS
from .values import CellError, parse

# A resolution's number as written on the document: "01/NQ-HĐND", "Số 01/NQ-HĐND",
# "số: 5 / NQ-HĐND", "01/2023/NQ-HĐND", "Số 01". ``digits`` as typed ("01"), ``number``
# without its leading zeros, ``symbol`` what follows the "/" (None without one). The
# one pattern for it: rows.py's message for such a cell reads it too.
WRITTEN_NUMBER = re.compile(
    r"^(?:s[oốô]\s*[.:]?\s*)?(?P<digits>0*(?P<number>\d+))\s*(?:/\s*(?P<symbol>\S.*?))?\s*$",
    re.IGNORECASE,
)


def fill(meta: dict, sheets: RawSheets) -> list[str]:
    """Fill, in place, the cells the rest of the file implies; warnings to show.

    Costs at most one query for the terms and one for the sessions of the file's
    councils, and none when nothing is left out.
    """
    fill_added_keys(sheets)
    council = one_council(meta, sheets)
    if council:
        fill_council(sheets, council)
    warnings = split_numbers(sheets)
    warnings.extend(fill_terms(meta, sheets))
    return warnings


# Key columns newer than the file ------------------------------------------------

# Per sheet, the key columns added in a later version of the format, empty in an older
# file: without them its rows could not be found again (see load.key_lookup).
ADDED_KEY_COLUMNS = {
    "award_nominees": ("recipient_organisation",),  # version 2
    "awards": ("recipient_organisation",),  # version 2
}


def fill_added_keys(sheets: RawSheets) -> None:
    for name, columns in ADDED_KEY_COLUMNS.items():
        for _number, row in sheets.get(name, []):
            for column in columns:
                row.setdefault(column, None)


# The file's own council -----------------------------------------------------------


def one_council(meta: dict, sheets: RawSheets) -> str | None:
    """The council of a one-council file: its councils sheet's one row, or the header's.

    None when any council column of any sheet (an optional one too: a recipient's, a
    subject's) names another council: an empty council cell is then not implied, and
    the row's own "required" error is reported.
    """
    councils = BY_NAME["councils"]
    slugs = {
        value(councils, row, "slug")
        for _number, row in sheets.get("councils", [])
        if not _is_example(councils, row)
    }
    slugs.discard(None)
    named = meta.get("council")
    named = named.strip() if isinstance(named, str) and named.strip() else None
    council = None
    if len(slugs) == 1 and named in (None, *slugs):
        council = next(iter(slugs))
    elif not slugs and named and not sheets.get("councils"):
        council = named
    if council is None or typed_councils(sheets) - {council}:
        return None
    return council


def typed_councils(sheets: RawSheets) -> set[str]:
    """Every council code typed in a council column of the file (example rows aside).

    A council's parent is its own attribute, not a council the file's rows belong to:
    a ward's file names its district there.
    """
    typed = set()
    for sheet in SHEETS:
        columns = [c for c in council_columns(sheet) if (sheet.name, c) != ("councils", "parent")]
        for _number, row in sheets.get(sheet.name, []) if columns else ():
            found = {value(sheet, row, column) for column in columns} - {None}
            if found and not _is_example(sheet, row):
                typed |= found
    return typed


def fill_council(sheets: RawSheets, council: str) -> None:
    for sheet in SHEETS:
        columns = own_council_columns(sheet)
        for _number, row in sheets.get(sheet.name, []) if columns else ():
            for column in columns:
                if empty(row, column):
                    row[column] = council


@cache
def own_council_columns(sheet: Sheet) -> tuple[str, ...]:
    """The columns naming the row's own council: a required reference's council code.

    A membership's ``council`` (its deputy's term's council) is one; a council's
    parent, an award's recipient council or a scorecard's subject council (optional
    references) are not.
    """
    return tuple(column for column in sheet.columns if _names_council(sheet, column, True))


@cache
def council_columns(sheet: Sheet) -> tuple[str, ...]:
    """Every column holding a council's code, required or optional."""
    return tuple(column for column in sheet.columns if _names_council(sheet, column, False))


def _names_council(sheet: Sheet, column: str, required: bool) -> bool:
    if column in sheet.fields:
        return False
    for ref in sheet.refs:
        if column not in ref.columns:
            continue
        if required and sheet.model._meta.get_field(ref.field).null:
            continue
        target = ref.target
        cited = target.key_columns[ref.columns.index(column)]
        if target.name == "councils":
            if cited == "slug":
                return True
        elif _names_council(target, cited, required):
            return True
    return False


def _is_example(sheet: Sheet, row: dict) -> bool:
    """The template's example row (not the person's own), as load.py skips it."""
    try:
        parsed = {c: parse(sheet.kind(c), row.get(c)) for c in sheet.columns}
    except (CellError, TypeError):
        return False
    return is_example(sheet.name, parsed)


# Resolution numbers typed as written ---------------------------------------------


def written_number(raw) -> tuple[int, str | None] | None:
    """``"01/NQ-HĐND"`` → (1, "NQ-HĐND"); None when the cell is not written that way."""
    if not isinstance(raw, str):
        return None
    match = WRITTEN_NUMBER.match(unicodedata.normalize("NFC", raw))
    if not match or (match["symbol"] is None and raw.strip().isdigit()):
        return None  # a plain number is the parser's
    number = int(match["number"])
    return (number, match["symbol"]) if number >= 1 else None


def _same_symbol(one: str, other: str) -> bool:
    def folded(text: str) -> str:
        return "".join(unicodedata.normalize("NFC", text).casefold().split())

    return folded(one) == folded(other)


@cache
def _columns_of(sheet: Sheet, model_field) -> tuple[str, ...]:
    found = []
    for column in sheet.columns:
        try:
            if sheet.field_of(column) is model_field:
                found.append(column)
        except KeyError:
            continue
    return tuple(found)


def number_columns(sheet: Sheet) -> tuple[str, ...]:
    """The sheet's columns holding a resolution's number (which may carry its symbol)."""
    return _columns_of(sheet, Resolution._meta.get_field("number"))


def split_numbers(sheets: RawSheets) -> list[str]:
    """Resolution numbers typed with their symbol: the number, the symbol in its column.

    A symbol that differs from the one typed in the symbol column (or, in another
    sheet, from the resolution's in this file) leaves the cell as it is, with a warning.
    """
    number_field = Resolution._meta.get_field("number")
    symbol_field = Resolution._meta.get_field("symbol")
    warnings: list[str] = []
    symbols = _split_resolutions(sheets, number_field, symbol_field, warnings)
    for sheet in SHEETS:
        if sheet.name == "resolutions":
            continue
        for column in _columns_of(sheet, number_field):
            date_column = _date_beside(sheet, column)
            for number, row in sheets.get(sheet.name, []):
                written = written_number(row.get(column))
                if written is None:
                    continue
                typed, symbol = written
                adopted = value(sheet, row, date_column) if date_column else None
                key = (value(sheet, row, "council"), adopted.year if adopted else None, typed)
                known = symbols.get(key)
                if symbol and known and not _same_symbol(symbol, known):
                    warnings.append(_differs(sheet.name, number, column, symbol, known))
                    continue
                row[column] = typed
    return warnings


def _split_resolutions(sheets, number_field, symbol_field, warnings) -> dict:
    """Splits the resolutions sheet's numbers; per (council, year, number) its symbol."""
    sheet = BY_NAME["resolutions"]
    symbols = {}
    (number_column,) = _columns_of(sheet, number_field)
    (symbol_column,) = _columns_of(sheet, symbol_field)
    for number, row in sheets.get(sheet.name, []):
        written = written_number(row.get(number_column))
        if written is not None:
            typed, symbol = written
            if symbol and empty(row, symbol_column):
                row[symbol_column] = symbol
            elif symbol and not _same_symbol(symbol, str(row[symbol_column])):
                warnings.append(
                    _differs(sheet.name, number, number_column, symbol, str(row[symbol_column]))
                )
                continue
            row[number_column] = typed
        adopted = value(sheet, row, "adopted_on")
        key = (value(sheet, row, "council"), adopted.year if adopted else None)
        typed = value(sheet, row, number_column)
        if typed is not None:
            symbols[(*key, typed)] = value(sheet, row, symbol_column) or symbol_field.default
    return symbols


def _date_beside(sheet: Sheet, column: str) -> str | None:
    """The adoption date column that goes with a resolution number column."""
    for ref in sheet.refs:
        if ref.sheet == "resolutions" and column in ref.columns:
            return ref.columns[ref.target.key_columns.index("adopted_on")]
    return None


def _differs(sheet: str, row: int, column: str, typed: str, symbol: str) -> str:
    return _(
        "Sheet “%(sheet)s”, row %(row)s, column “%(column)s”: the number is written with the "
        "symbol “%(typed)s” but the resolution's symbol is “%(symbol)s”; write the number "
        "alone, and the symbol in the column “%(symbol_column)s” of the sheet “resolutions”."
    ) % {
        "sheet": sheet,
        "row": row,
        "column": label(sheet, column),
        "typed": cell(sheet, column, typed),
        "symbol": symbol,
        "symbol_column": label("resolutions", "symbol"),
    }
