"""What an import says about a file it refuses: every error, where it is, how to fix it.

An error names the sheet, the row and the column (its Vietnamese name, with the code
the file uses beside it), shows the value as typed, and dates as dd/mm/yyyy; never the
value of a citizen's personal data (a sheet's ``personal`` columns), neither in an
error nor in a warning (see cell), since the messages may reach a log. A sheet holding
personal data (the reception cases) quotes no typed value at all, in any column: its
other cells (a summary, a field, a date) tell about the citizen too. The
import collects every error of the file and raises them together (ImportErrors),
showing at most LIMIT of them.
"""

import datetime as dt
import re

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import ExchangeError
from .labels import label
from .spec import BY_NAME
from .values import Formula

LIMIT = 200  # errors shown; the rest are counted
LONGEST = 120  # characters of a typed value shown
# An ISO date, with its time if any ("2023-06-29", "2023-06-29T08:00:00+07:00").
_ISO = re.compile(
    r"\b(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\b"
)


def dmy(text: str) -> str:
    """``text`` with every ISO date written dd/mm/yyyy (and its time as hh:mm)."""

    def written(match: re.Match) -> str:
        year, month, day, time = match.groups()
        return f"{day}/{month}/{year}" + (f" {time}" if time else "")

    return _ISO.sub(written, text)


def shown(value) -> str:
    """A cell's value as a message shows it: dates dd/mm/yyyy, times local hh:mm; a long
    text cut short."""
    if isinstance(value, dt.datetime):
        local = timezone.localtime(value) if timezone.is_aware(value) else value
        return local.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = dmy(str(value).strip())
    return text if len(text) <= LONGEST else text[: LONGEST - 1] + "…"


def private(sheet: str) -> bool:
    """Whether the sheet holds a citizen's personal data: its messages quote no value."""
    return bool(BY_NAME[sheet].personal) if sheet in BY_NAME else False


def personal(sheet: str, column: str) -> bool:
    """Whether the column (or one of the columns, "a, b") holds a citizen's personal data."""
    held = BY_NAME[sheet].personal if sheet in BY_NAME else ()
    return any(part.strip() in held for part in column.split(","))


def cell(sheet: str, column: str, value) -> str:
    """A typed value as a message (an error or a warning) may show it: as ``shown``, or
    “…” in a column of personal data and on a sheet that holds some."""
    return "…" if private(sheet) or personal(sheet, column) else shown(value)


# A row's reference to a record not found quotes the reference's cells (see load).
_NOT_FOUND = (
    "No record of “%(sheet)s” has this key (%(key)s); it must exist already "
    "or come earlier in the file."
)
_QUOTED = re.compile(r"“([^”]*)”|\"([^\"]*)\"|'([^']*)'")


def _template(msgid: str) -> re.Pattern:
    """The message ``msgid`` as translated now, its placeholders any text."""
    parts = re.split(r"%\((\w+)\)s", _(msgid))
    pattern = "".join(
        re.escape(part) if n % 2 == 0 else f"(?P<{part}>.*?)" for n, part in enumerate(parts)
    )
    return re.compile(pattern + r"\Z", re.DOTALL)


def _forms(typed) -> set[str]:
    """The ways a message may write a typed value: as typed, stripped, shown, repr'd."""
    if typed is None:
        return set()
    text = str(typed)
    return {text, text.strip(), shown(typed), dmy(text.strip()), repr(typed)} - {""}


def _hidden(message: str, typed, *, everywhere: bool = False) -> str:
    """The message with the typed value taken out: a quoted value (“…”, "…", '…') is “…”.

    ``everywhere`` (a sheet of personal data): also the value written unquoted, however
    short, and every reference's cells; otherwise an unquoted value is taken out only when
    longer than 3 characters (a value so short would match words of the message).
    """
    if isinstance(typed, Formula):  # its message quotes the formula
        return _(
            "The cell holds a formula (%(formula)s), which the import does not compute: "
            "replace it with its value."
        ) % {"formula": "…"}
    if everywhere and (found := _template(_NOT_FOUND).match(message)):
        return _(_NOT_FOUND) % {"sheet": found["sheet"], "key": "…"}
    forms = _forms(typed)
    stripped = {form.strip() for form in forms}

    def quoted(match: re.Match) -> str:
        inner = next(group for group in match.groups() if group is not None)
        return "“…”" if inner.strip() in stripped else match.group(0)

    message = _QUOTED.sub(quoted, message)
    for text in sorted(forms, key=len, reverse=True):
        if len(text) > 3:
            message = message.replace(text, "…")
        elif everywhere:
            message = re.sub(rf"(?<!\w){re.escape(text)}(?!\w)", "…", message)
    return message


_DATABASE_VALUE = re.compile(r':\s*"[^"]*"\s*$')


def refused_by_database(sheet: str, error: Exception) -> str:
    """The message for a row the database refused. On a sheet with personal columns only
    the error's first line: PostgreSQL's detail ("Failing row contains (…)") repeats the
    whole row, a citizen's name and address included."""
    text = str(error).strip()
    if private(sheet):
        text = text.splitlines()[0] if text else text
        text = _DATABASE_VALUE.sub(": “…”", text)  # 'invalid input syntax ...: "x"'
    return _("The database refused the row: %(error)s") % {"error": text}


def column_names(sheet: str, column: str) -> str:
    """The column(s) for a message: “Vietnamese name” (code), or “code” when it has no name."""
    codes = [part.strip() for part in column.split(",") if part.strip()]
    names = list(dict.fromkeys(label(sheet, code) for code in codes))
    if not codes or names == codes:
        return f"“{column}”"
    return f"“{', '.join(names)}” ({', '.join(codes)})"


class RowError(ExchangeError):
    """A row's error, with where it is: sheet, row number and column (codes).

    ``typed`` is the cell's value as typed, added to the message when it does not
    already show it; in a column of personal data, and on a sheet that holds some, it is
    never shown, and taken out of the message if the message quotes it.
    """

    def __init__(self, sheet: str, row: int, column: str, message: str, typed=None):
        self.sheet, self.row, self.column, self.message = sheet, row, column, message
        self.typed = typed
        text = str(message)
        if private(sheet):
            text = _hidden(text, typed, everywhere=True)
            self.message, self.typed = text, None
        elif typed is not None and personal(sheet, column):
            text = _hidden(text, typed)
            self.message, self.typed = text, None
        elif typed is not None and shown(typed) and shown(typed) not in dmy(text):
            text = f"{text} " + _("The cell holds “%(value)s”.") % {"value": shown(typed)}
        super().__init__(
            dmy(
                _("Sheet “%(sheet)s”, row %(row)s, column %(column)s: %(message)s")
                % {
                    "sheet": sheet,
                    "row": row,
                    "column": column_names(sheet, column),
                    "message": text,
                }
            )
        )


class ImportErrors(ExchangeError):
    """Every error of a file; nothing of it was written. ``errors`` are RowErrors.

    ``unchecked`` counts the rows not checked because a row they refer to has an
    error; ``warnings`` are what the import would have warned about.
    """

    def __init__(self, errors: list[RowError], *, unchecked: int = 0, warnings=()):
        self.errors, self.unchecked, self.warnings = list(errors), unchecked, list(warnings)
        count = len(self.errors)
        lines = [
            ngettext(
                "The file was not imported (nothing was written): %(count)s error.",
                "The file was not imported (nothing was written): %(count)s errors.",
                count,
            )
            % {"count": count}
        ]
        lines.extend(str(error) for error in self.errors[:LIMIT])
        if count > LIMIT:
            more = _("… and %(count)s more errors: fix these and import again to see them.")
            lines.append(more % {"count": count - LIMIT})
        if unchecked:
            lines.append(
                ngettext(
                    "%(count)s row refers to a row with an error and was not checked.",
                    "%(count)s rows refer to rows with an error and were not checked.",
                    unchecked,
                )
                % {"count": unchecked}
            )
        super().__init__("\n".join(lines))
