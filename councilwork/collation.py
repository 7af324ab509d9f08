"""Sorting Vietnamese names the way a Vietnamese reader expects (Đ after D, not after Z)."""

import unicodedata

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
    return ("".join(base), text.lower())
