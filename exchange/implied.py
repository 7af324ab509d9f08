"""What a file filled by hand may leave out because the file already says it.

Filled in on the raw rows before they are read (see load.py): each fact is typed once.
"""

from .jsonfile import RawSheets


def fill(meta: dict, sheets: RawSheets) -> list[str]:
    """Fill, in place, the cells the rest of the file implies; warnings to show."""
    return []
