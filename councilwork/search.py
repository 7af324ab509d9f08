"""Search that forgives missing accents: "duong kinh" finds "Dương Kinh", any case, any order.

One fold, two homes that agree: `fold` in Python (for the query, and for SQLite's
`cw_fold` function, registered on every new connection) and the SQL function
`cw_fold(text)` on PostgreSQL (councilwork migration 0008: unaccent behind an
IMMUTABLE wrapper, so that GIN trigram indexes can be built on it). `Folded(expr)` is
that function in a query; `matches(fields, query)` is the one rule of a match: every
word of the folded query is contained in at least one of the fields.
"""

import re
import unicodedata
from functools import reduce
from operator import and_, or_

from django.db.models import CharField, Func, Q, TextField
from django.db.models.functions import Cast
from django.db.models.lookups import Contains

FUNCTION = "cw_fold"
# A query reads its first 200 characters and 8 words: enough for a title's words, and
# a bound on the conditions one search puts to the database.
MAX_QUERY = 200
MAX_WORDS = 8

_SPACES = re.compile(r"\s+")
_QUOTES = "\"'“”‘’«»"  # the admin's "quoted phrase" and typographic quotes
# Control and format characters (NUL, bidi marks, zero-width joiners) separate words;
# PostgreSQL refuses NUL in text, and none of them helps a match.
_UNPRINTABLE = {"Cc", "Cf", "Cs", "Co", "Cn"}


def fold(text: str | None) -> str:
    """``text`` without accents, đ as d, lower-case, its spaces collapsed ("" for None)."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", str(text).replace("đ", "d").replace("Đ", "D"))
    kept = []
    for char in decomposed:
        category = unicodedata.category(char)
        if category == "Mn":  # a combining mark: the accent of the letter before it
            continue
        kept.append(" " if category in _UNPRINTABLE else char)
    folded = unicodedata.normalize("NFC", "".join(kept)).lower()
    return _SPACES.sub(" ", folded).strip()


def query_words(query: str | None) -> list[str]:
    """The folded words of a search box's text, capped in length and number."""
    words = (word.strip(_QUOTES) for word in fold((query or "")[:MAX_QUERY]).split())
    return [word for word in words if word][:MAX_WORDS]


class Folded(Func):
    """``cw_fold(expr)``: the folded text of a column or expression (cast to text if need be)."""

    function = FUNCTION
    output_field = TextField()

    def resolve_expression(self, *args, **kwargs):
        resolved = super().resolve_expression(*args, **kwargs)
        source = resolved.source_expressions[0]
        if not isinstance(source.output_field, CharField | TextField):
            resolved.source_expressions[0] = Cast(source, TextField())
        return resolved


def matches(fields, words: list[str]) -> Q:
    """Every word in at least one of ``fields`` (names or expressions), folded.

    The words are `query_words` already (folded); an empty list matches nothing.
    Folded text is lower-case, so `contains` is enough, and on PostgreSQL its
    ``cw_fold(col) LIKE '%word%'`` is what the trigram indexes answer.
    """
    if not words:
        return Q(pk__in=[])
    folded = [Folded(field) for field in fields]
    return reduce(and_, (reduce(or_, (Q(Contains(f, word)) for f in folded)) for word in words))


def _sqlite_fold(value):
    return None if value is None else fold(value)


def register_sqlite_fold(sender, connection, **kwargs) -> None:
    """Teach each new SQLite connection ``cw_fold`` (a connection_created receiver)."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(FUNCTION, 1, _sqlite_fold, deterministic=True)
