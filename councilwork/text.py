"""Text in and out: what a record's text may hold, and how the files we write hold it.

In: C0 control characters other than tab, newline and carriage return are refused
beside the field (Word's Shift+Enter types a vertical tab, \\x0b, which a copy and
paste carries along). They show as nothing, and .xlsx and .docx files (XML) cannot
hold them at all: one would make every download of the figures fail.

Out: text written into a workbook is text, whatever it starts with ("=HYPERLINK(…)"
is a name, not a formula), and any control character already stored is dropped (a
vertical tab or form feed becomes a line break), so no stored value breaks a file.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# C0 controls but tab (\x09), newline (\x0a) and carriage return (\x0d).
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
LINE_BREAKS = {"\x0b": "\n", "\x0c": "\n"}


def validate_printable(value: str) -> None:
    """Refuses text holding a control character, naming the first one."""
    found = CONTROL_CHARACTERS.search(value)
    if found:
        raise ValidationError(
            _(
                "This text holds an invisible control character (%(code)s), which cannot be "
                "kept: delete it (a line break typed with Shift+Enter in Word is one)."
            ),
            code="control_character",
            params={"code": f"U+{ord(found.group()):04X}"},
        )


def printable(text: str) -> str:
    """``text`` without control characters: a vertical tab or form feed becomes a newline."""
    return CONTROL_CHARACTERS.sub(lambda found: LINE_BREAKS.get(found.group(), ""), text)


def set_cell(cell, value) -> None:
    """Writes ``value`` into an openpyxl cell; text always as text, never as a formula.

    openpyxl stores any string starting with "=" as a formula, and refuses control
    characters (IllegalCharacterError); other values (numbers, dates) are kept as is.
    """
    if isinstance(value, str):
        cell.value = printable(value)
        cell.data_type = "s"
    else:
        cell.value = value
