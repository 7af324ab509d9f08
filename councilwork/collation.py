"""Sorting Vietnamese names the way a Vietnamese reader expects (Đ after D, not after Z).

Two homes of one order: `vi_key` for lists sorted in Python, and the database collation
`COLLATION` ("vi") for lists the database sorts (admin changelists, paginated lists).
On PostgreSQL "vi" is an ICU collation made by a migration (councilwork 0007); on SQLite it
is registered on every new connection with `vi_compare`, which follows `vi_key`.
"""

import unicodedata

COLLATION = "vi"

# Letters that are distinct letters of the alphabet, not accented forms.
_LETTERS = {
    "đ": "d\uffff",
    "ă": "a\ufffd",
    "â": "a\ufffe",
    "ê": "e\uffff",
    "ô": "o\ufffe",
    "ơ": "o\uffff",
    "ư": "u\uffff",
}


def vi_key(text: str) -> tuple:
    """A sort key: alphabet order first (a ă â b c d đ e ê …), then tone marks."""
    base = []
    for char in text.lower():
        letter = unicodedata.normalize("NFD", char)
        letter = letter.replace("\u0300", "").replace("\u0301", "").replace("\u0303", "")
        letter = letter.replace("\u0309", "").replace("\u0323", "")
        letter = unicodedata.normalize("NFC", letter)
        base.append(_LETTERS.get(letter, letter))
    # The text itself breaks the last tie, so that only identical names compare equal
    # (unique constraints under the collation stay as strict as without it).
    return ("".join(base), text.lower(), text)


def vi_compare(left: str | None, right: str | None) -> int:
    """SQLite's collation function: negative, zero or positive, as `vi_key` orders."""
    left_key, right_key = vi_key(left or ""), vi_key(right or "")
    return (left_key > right_key) - (left_key < right_key)


def register_sqlite_collation(sender, connection, **kwargs) -> None:
    """Teach each new SQLite connection the "vi" collation (connection_created receiver)."""
    if connection.vendor == "sqlite":
        connection.connection.create_collation(COLLATION, vi_compare)
