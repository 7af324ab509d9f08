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
        data = json.loads(content.decode("utf-8-sig"), object_pairs_hook=_Object.of)
    # ValueError covers bad UTF-8 and bad JSON, and numbers too long to read.
    except (ValueError, RecursionError) as error:
        raise ExchangeError(_("The file is not valid JSON: %(error)s") % {"error": error}) from None
    _refuse_repeated_keys(data)
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


class _Object(dict):
    """A JSON object that remembers a key it held twice (json keeps only the last value)."""

    repeated: str | None = None

    @classmethod
    def of(cls, pairs: list[tuple[str, object]]) -> "_Object":
        obj = cls(pairs)
        if len(obj) < len(pairs):
            seen = set()
            for key, _value in pairs:
                if key in seen:
                    obj.repeated = key
                    break
                seen.add(key)
        return obj


def _refuse_repeated_keys(data) -> None:
    """Refuses a key repeated in one object, naming it and where it is (a JSON path).

    A second "sheets" would silently replace the whole first one; a repeated column,
    the first value. Walked without recursion: the parser allows deep nesting.
    """
    stack = [("$", data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, _Object):
            if value.repeated is not None:
                raise ExchangeError(
                    _(
                        "The JSON file has the key “%(key)s” twice in %(path)s: one would "
                        "silently replace the other. Keep only one."
                    )
                    % {"key": value.repeated, "path": path}
                )
            stack.extend((_child(path, key), item) for key, item in value.items())
        elif isinstance(value, list):
            stack.extend((f"{path}[{index}]", item) for index, item in enumerate(value))


def _child(path: str, key: str) -> str:
    if key.isidentifier():
        return f"{path}.{key}"
    return f"{path}[{json.dumps(key, ensure_ascii=False)}]"
