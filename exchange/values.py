"""Cell values: typed Python values to JSON and spreadsheet cells, and forgiving parsing back.

Files filled by hand from old spreadsheets hold dates typed as text (15/03/2023),
numbers typed as text ("04", "7,5") and labels instead of codes, so parsing accepts
those; what it cannot read is refused with a message, never guessed.
"""

import datetime as dt
import json
import re
from decimal import Decimal, InvalidOperation

from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .synonyms import NO, STARTS, SYNONYMS, YES, field_key, fold

TEXT, DATE, DATETIME, INT, DECIMAL, BOOL, USERNAME, JSON = (
    "text",
    "date",
    "datetime",
    "int",
    "decimal",
    "bool",
    "username",
    "json",
)
# dd/mm/yyyy, then optionally hh:mm, :ss and a fraction of a second (as exported).
_DMY = re.compile(
    r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})"
    r"(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,6}))?)?)?$"
)
MAX_INT = 2**63 - 1  # beyond what any database column holds, or a lookup can compare
_TRUE = frozenset(map(fold, YES))  # folded: "Có", "co" and "CÓ" are one
_FALSE = frozenset(map(fold, NO))


class CellError(ValueError):
    """A cell whose value cannot be read as its column's type."""


class Formula:
    """A spreadsheet cell holding a formula: refused when read, with the file's other
    errors (the workbook holds no value for it, or one the import cannot check)."""

    def __init__(self, message: str):
        self.message = message

    def __str__(self) -> str:
        return self.message


def kind_of(field: models.Field) -> str:
    """The cell type of a model field (subclasses first: a DateTimeField is a DateField)."""
    if isinstance(field, models.ForeignKey):
        return USERNAME  # the only foreign key written as a plain column: a login
    if isinstance(field, models.JSONField):
        return JSON
    for cls, kind in (
        (models.DateTimeField, DATETIME),
        (models.DateField, DATE),
        (models.DecimalField, DECIMAL),
        (models.BooleanField, BOOL),
        (models.IntegerField, INT),
    ):
        if isinstance(field, cls):
            return kind
    return TEXT


def is_empty(raw) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def parse(kind: str, raw):
    """``raw`` (a JSON or spreadsheet cell) as a value of ``kind``; None when empty."""
    if is_empty(raw):
        return None
    if isinstance(raw, Formula):
        raise CellError(raw.message)
    return _PARSERS[kind](raw)


def _text(raw) -> str:
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)  # a code typed as 12 into a number cell reads back as 12.0
    if isinstance(raw, dt.datetime | dt.date):
        raise CellError(_("Expected text, found a date."))
    text = str(raw).strip()
    if "\x00" in text:  # PostgreSQL cannot store it, and no one types it
        raise CellError(_("The text contains a NUL character."))
    return text


def _date(raw) -> dt.date:
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    text = str(raw).strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return dt.date.fromisoformat(text)
        match = _DMY.match(text)
        if match and match.group(4) is None:
            day, month, year = (int(g) for g in match.groups()[:3])
            return dt.date(year, month, day)
    except ValueError:
        pass
    raise CellError(
        _("“%(value)s” is not a valid date; write dd/mm/yyyy or yyyy-mm-dd.") % {"value": text}
    )


def _datetime(raw) -> dt.datetime:
    value = raw if isinstance(raw, dt.datetime) else None
    if value is None:
        text = str(raw).strip()
        try:
            match = _DMY.match(text)
            if match:
                *parts, fraction = match.groups()
                day, month, year, hour, minute, second = (int(g or 0) for g in parts)
                micro = int((fraction or "").ljust(6, "0"))
                value = dt.datetime(year, month, day, hour, minute, second, micro)
            else:
                value = dt.datetime.fromisoformat(text)
        except ValueError:
            raise CellError(
                _("“%(value)s” is not a valid date and time; write dd/mm/yyyy hh:mm.")
                % {"value": text}
            ) from None
    try:
        # Naive times are local times, as a spreadsheet shows them; stored in UTC.
        value = timezone.make_aware(value) if timezone.is_naive(value) else value
        value.astimezone(dt.UTC)
    except (OverflowError, ValueError):
        raise CellError(_("The date and time is out of range.")) from None
    return value


def _int(raw) -> int:
    if isinstance(raw, bool):
        raise CellError(_("Expected a whole number."))
    number = Decimal(raw) if isinstance(raw, int) else _decimal(raw)
    if number != number.to_integral_value():
        raise CellError(_("“%(value)s” is not a whole number.") % {"value": raw})
    if abs(number) > MAX_INT:
        raise CellError(_("The number is too large."))
    return int(number)


def _decimal(raw) -> Decimal:
    if isinstance(raw, bool):
        raise CellError(_("Expected a number."))
    text = str(raw).strip().replace(" ", "")
    if "," in text and "." not in text:
        text = text.replace(",", ".")  # Vietnamese decimal comma: 7,5
    try:
        number = Decimal(text)
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite():
        raise CellError(_("“%(value)s” is not a number.") % {"value": raw})
    return number


def _bool(raw) -> bool:
    if isinstance(raw, bool):
        return raw
    text = fold(raw)
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise CellError(_("“%(value)s” is not yes or no: write Có or Không.") % {"value": raw})


def _json(raw) -> dict:
    """An object: as it is in a JSON file, or as JSON text in a spreadsheet cell."""
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except ValueError:
            raise CellError(_("The cell is not valid JSON text.")) from None
    if not isinstance(raw, dict):
        raise CellError(_("Expected a JSON object ({…})."))
    return raw


_PARSERS = {
    TEXT: _text,
    USERNAME: _text,
    DATE: _date,
    DATETIME: _datetime,
    INT: _int,
    DECIMAL: _decimal,
    BOOL: _bool,
    JSON: _json,
}


def choice_code(field: models.Field, value: str) -> str:
    """A choice typed as its code, its label (Vietnamese or English) or a synonym → the code.

    Compared folded (see synonyms.fold). Anything else is returned unchanged (see
    checked_choice for the message that refuses it).
    """
    if not field.choices or value in dict(field.choices):
        return value
    folded = fold(value)
    code = _choices(field).get(folded)
    if code is not None:
        return code
    for start, code in _starts(field):
        if folded.startswith(start) and folded[len(start) : len(start) + 1] in ("", " ", ","):
            return code
    return value


def checked_choice(field: models.Field, value: str, column: str) -> str:
    """The code of a typed choice; a CellError listing the accepted labels if there is none.

    ``column`` is the column's name as the message shows it.
    """
    code = choice_code(field, value)
    if not field.choices or code in dict(field.choices):
        return code
    with translation.override("vi"):
        accepted = ", ".join(str(label) for code, label in field.flatchoices if code != "")
    raise CellError(
        _(
            "“%(value)s” is not a valid value of the column “%(column)s”; choose one of: "
            "%(accepted)s"
        )
        % {"value": value, "column": column, "accepted": accepted}
    )


_INDEXES: dict[models.Field, dict[str, str]] = {}


def _choices(field: models.Field) -> dict[str, str]:
    """Folded code, labels (both languages) and synonyms of ``field`` → its code.

    A label or code wins over a synonym that folds the same; a Vietnamese label over an
    English one.
    """
    if field not in _INDEXES:
        codes = dict(field.flatchoices)
        synonyms = SYNONYMS.get(field_key(field), {})
        index = {fold(s): code for code, each in synonyms.items() if code in codes for s in each}
        for language in ("en", "vi"):  # Vietnamese last: it wins a clash
            with translation.override(language):
                index |= {fold(label): code for code, label in field.flatchoices}
        _INDEXES[field] = index | {fold(code): code for code in codes}
    return _INDEXES[field]


def _starts(field: models.Field) -> list[tuple[str, str]]:
    codes = dict(field.flatchoices)
    starts = STARTS.get(field_key(field), {})
    return [(fold(s), code) for code, values in starts.items() if code in codes for s in values]


def to_json(kind: str, value):
    """A typed value as JSON: ISO dates and times, decimals as strings."""
    if value is None:
        return None
    if kind == DATETIME:
        return timezone.localtime(value).isoformat()
    if kind == DATE:
        return value.isoformat()
    if kind == DECIMAL:
        return str(value)  # a string keeps every digit; a JSON number may not
    return value


def to_cell(kind: str, value):
    """A typed value for a spreadsheet cell: real dates and numbers; times as local text.

    A spreadsheet keeps a time as a fraction of a day, which openpyxl reads back to the
    millisecond: an export imported back would change every time that has microseconds.
    As text (dd/mm/yyyy hh:mm:ss.ffffff, local time) it reads back exactly.
    """
    if value is None:
        return None
    if kind == DATETIME:
        local = timezone.localtime(value)
        text = local.strftime("%d/%m/%Y %H:%M:%S")
        return f"{text}.{local.microsecond:06d}" if local.microsecond else text
    if kind == JSON:
        return json.dumps(value, ensure_ascii=False, sort_keys=True) if value else None
    return value
