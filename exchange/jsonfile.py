"""The JSON encoding: one document with the header and a list of flat objects per sheet."""

import json

from django.utils.translation import gettext as _

from . import ExchangeError
from .export import Document
from .spec import SHEETS
from .values import to_json

# Rows read from a file: (row number as reported in errors, {column: raw value}).
RawSheets = dict[str, list[tuple[int, dict]]]


def write_json(document: Document) -> str:
    """The document as JSON text: sheets in dependency order, ISO dates, decimal strings."""
    sheets = {}
    for sheet in SHEETS:
        sheets[sheet.name] = [
            {column: to_json(sheet.kind(column), value) for column, value in row.items()}
            for row in document.sheets.get(sheet.name, [])
        ]
    return json.dumps({**document.meta, "sheets": sheets}, ensure_ascii=False, indent=1) + "\n"


def read_json(content: bytes) -> tuple[dict, RawSheets]:
    """The header and the raw rows of a JSON file; a row's number is its index + 1."""
    try:
        data = json.loads(content.decode("utf-8-sig"))
    # ValueError covers bad UTF-8 and bad JSON, and numbers too long to read.
    except (ValueError, RecursionError) as error:
        raise ExchangeError(_("The file is not valid JSON: %(error)s") % {"error": error}) from None
    if not isinstance(data, dict) or not isinstance(data.get("sheets"), dict):
        raise ExchangeError(_("The JSON file has no “sheets” object."))
    sheets: RawSheets = {}
    for name, rows in data["sheets"].items():
        if not isinstance(rows, list):
            raise ExchangeError(_("Sheet “%(sheet)s” is not a list of rows.") % {"sheet": name})
        sheets[name] = []
        for number, row in enumerate(rows, start=1):
            if not isinstance(row, dict):
                raise ExchangeError(
                    _("Sheet “%(sheet)s”, row %(row)s is not an object.")
                    % {"sheet": name, "row": number}
                )
            sheets[name].append((number, row))
    meta = {key: value for key, value in data.items() if key != "sheets"}
    return meta, sheets
