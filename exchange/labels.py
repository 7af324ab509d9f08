"""The Vietnamese name of each column of the exchange format, as a person reads it.

The template's header, its guide and every import message name a column this way;
the stable code (``council``, ``term_start``…) stays beside it for machines. A
column's name is its model field's verbose name in Vietnamese; a column that cites
another sheet is named after the key part it holds there.
"""

from functools import cache

from django.utils import translation

from .spec import BY_NAME


@cache
def label(sheet_name: str, column: str) -> str:
    """The Vietnamese name of ``column`` of sheet ``sheet_name`` (the code if unknown)."""
    sheet = BY_NAME.get(sheet_name)
    if sheet is None or column not in sheet.columns:
        return column
    try:
        field = sheet.field_of(column)
    except KeyError:
        return column
    with translation.override("vi"):
        name = str(getattr(field, "verbose_name", "") or column)
    return name[:1].upper() + name[1:]
