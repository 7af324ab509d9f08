"""Search that forgives missing accents: "duong kinh" finds "Dương Kinh", any case, any order.

One fold, two homes that agree: `fold` in Python (for the query, and for SQLite's
`cw_fold` function, registered on every new connection) and the SQL function
`cw_fold(text)` on PostgreSQL (councilwork migration 0008: unaccent behind an
IMMUTABLE wrapper, so that GIN trigram indexes can be built on it). `Folded(expr)` is
that function in a query; `matches(fields, query)` is the one rule of a match: every
word of the folded query is contained in at least one of the fields.

The tables the search reads at volume keep their searched columns folded once, when a
row is written: ``search_text = search_document("title", ...)`` is a stored generated
column (the database computes it, on every write path: forms, bulk inserts, updates,
imports), ``cw_fold`` of the fields joined by spaces, with one GIN trigram index
(search migration 0002). A search then reads it as `Document("search_text")` and
rechecks a candidate row with a plain LIKE instead of folding each field of it again:
at national volume that made a common word's search ten times quicker. Joining by a
space keeps the rule exact: a word never holds a space, so it matches the document
only where it matches one of the fields.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import reduce
from operator import and_, or_

from django.db.models import CharField, F, Func, GeneratedField, Q, TextField, Value
from django.db.models.functions import Cast, Coalesce, Concat
from django.db.models.lookups import Contains
from django.utils.translation import gettext_lazy as _

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


class _DefaultCollation(Func):
    """``expr COLLATE "default"`` on PostgreSQL: columns of different collations ("vi"
    for names) joined into one text would leave cw_fold's lower() no collation to use."""

    template = "%(expressions)s"
    output_field = TextField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, template='(%(expressions)s) COLLATE "default"')


class Document(F):
    """A column that holds folded text already (a `search_document`): matched as it is."""


@dataclass(frozen=True)
class Related:
    """A foreign key matched by the ids of the ``model`` rows whose ``fields`` match.

    ``body_id IN (SELECT id FROM body WHERE cw_fold(name) LIKE ...)`` is answered by the
    target table's own index, once; a join would fold the target's name again for
    every row of the table searched.
    """

    field: str
    model: type
    fields: tuple


def search_document(*fields) -> GeneratedField:
    """A stored column of ``fields`` (names or expressions) joined by spaces, folded."""
    parts = [
        Coalesce(
            _DefaultCollation(Cast(F(f) if isinstance(f, str) else f, TextField())),
            Value("", output_field=TextField()),
            output_field=TextField(),
        )
        for f in fields
    ]
    joined = parts[0]
    if len(parts) > 1:
        space = Value(" ", output_field=TextField())
        spaced = [parts[0]]
        for part in parts[1:]:
            spaced += [space, part]
        joined = Concat(*spaced, output_field=TextField())
    return GeneratedField(
        expression=Folded(joined),
        output_field=TextField(),
        db_persist=True,
        verbose_name=_("search text"),
    )


def matches(fields, words: list[str]) -> Q:
    """Every word in at least one of ``fields`` (names or expressions), folded.

    The words are `query_words` already (folded); an empty list matches nothing.
    Folded text is lower-case, so `contains` is enough, and on PostgreSQL its
    ``cw_fold(col) LIKE '%word%'`` is what the trigram indexes answer. A `Document`
    field is folded already and matched as stored.
    """
    if not words:
        return Q(pk__in=[])

    def one(field, word) -> Q:
        if isinstance(field, Related):
            ids = field.model.objects.filter(matches(field.fields, [word])).values("pk")
            return Q(**{f"{field.field}__in": ids})
        folded = field if isinstance(field, Document) else Folded(field)
        return Q(Contains(folded, word))

    return reduce(and_, (reduce(or_, (one(f, word) for f in fields)) for word in words))


def _sqlite_fold(value):
    return None if value is None else fold(value)


def register_sqlite_fold(sender, connection, **kwargs) -> None:
    """Teach each new SQLite connection ``cw_fold`` (a connection_created receiver)."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(FUNCTION, 1, _sqlite_fold, deterministic=True)
