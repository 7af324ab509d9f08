"""Every admin search forgives missing accents: "duong kinh" finds "Dương Kinh"."""

from functools import reduce
from operator import and_, or_

from django.contrib.admin.utils import lookup_spawns_duplicates
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import F, Q
from django.db.models.lookups import Contains

from .search import Folded, query_words

# A related name matching more rows than this is searched through a subquery rather
# than a list of ids (a list that long would no longer narrow anything down).
RELATED_IDS = 2000

_PREFIXES = "^=@"

# A related model's field held alone, folded, in a stored column with a trigram
# index (councilwork.search.search_document): matched there without folding again.
DOCUMENTS = {("councilwork.body", "name"): "search_text"}


def search_path(model, field_name: str) -> str:
    """The field path of a search_fields entry: ^ = @ and a trailing lookup dropped.

    Django reads "^name" as starts-with, "=number" as exact and "@title" as full-text;
    here each is a contained word, like a plain entry ("=number": "49" finds 49).
    """
    path = field_name.lstrip(_PREFIXES)
    parts = path.split("__")
    opts = model._meta
    for index, part in enumerate(parts):
        try:
            field = opts.get_field(part)
        except FieldDoesNotExist:
            if part == "pk" and index == len(parts) - 1:
                return path
            return "__".join(parts[:index])  # "name__iexact": the rest is a lookup
        if field.is_relation and field.related_model is not None:
            opts = field.related_model._meta
    return path


class FoldedSearchMixin:
    """An admin whose search matches each folded word of the term in some search field.

    Words are ANDed, fields ORed, as in Django's own search, but on the folded text
    (councilwork.search): no accents, đ as d, any case. The term is the one the admin
    got (QueryGuardMixin, placed before this mixin, has already capped its words).
    """

    # (column, paths): the model's stored folded column (councilwork.search's
    # search_document) that holds exactly these search paths, its own text fields. A
    # word is then looked for in that column, answered by its one trigram index and
    # rechecked with a plain LIKE, instead of folding each field of every candidate
    # row again (a common word's candidates run to tens of thousands at volume).
    search_document: tuple[str, tuple[str, ...]] | None = None

    def get_search_results(self, request, queryset, search_term):
        fields = self.get_search_fields(request)
        words = query_words(search_term)
        if not fields or not words:
            return queryset, False
        model = queryset.model
        paths = [p for p in (search_path(model, name) for name in fields) if p]
        if not paths:
            return queryset, False
        column, held = self.search_document or (None, ())
        if column and set(held) <= set(paths):
            paths = [p for p in paths if p not in held]
            found = queryset.filter(
                reduce(and_, (document_condition(model, column, paths, w) for w in words))
            )
            duplicates = any(lookup_spawns_duplicates(model._meta, path) for path in paths)
            return found, duplicates
        found = queryset.filter(reduce(and_, (word_condition(model, paths, w) for w in words)))
        duplicates = any(lookup_spawns_duplicates(model._meta, path) for path in paths)
        return found, duplicates


def word_condition(model, paths: list[str], word: str) -> Q:
    """``word`` (folded) in one of ``paths`` of ``model``.

    A path through a foreign key ("council__name") is answered first on the related
    table, small and indexed (councils, people), and becomes "council_id IN (ids)":
    the big table then needs only its own indexes (its folded columns' trigram
    indexes, the foreign key's b-tree), combined by the planner, instead of folding
    every row's joined name: a resolutions search at national volume went from over
    a minute to a fraction of a second.
    """
    arms = []
    for path in paths:
        head, _sep, rest = path.partition("__")
        field = model._meta.get_field(head) if rest else None
        if field is None or not (field.many_to_one or field.one_to_one) or not field.concrete:
            own = model._meta.get_field(path) if "__" not in path else None
            if isinstance(own, models.IntegerField):
                # A number is found by its value ("49"), as an index can: a word that is
                # not a number cannot be in it, and folding every row's number as text
                # would make the database read the whole table.
                if word.isascii() and word.isdigit() and len(word) < 10:
                    arms.append(Q(**{path: int(word)}))
                continue
            arms.append(Q(Contains(Folded(F(path)), word)))
            continue
        related = field.related_model
        column = DOCUMENTS.get((related._meta.label_lower, rest))
        found = Q(Contains(F(column), word)) if column else word_condition(related, [rest], word)
        # No order: the ids are a set (a body's default order joined councils to sort).
        rows = related._base_manager.filter(found).order_by()
        ids = list(rows.values_list("pk", flat=True)[: RELATED_IDS + 1])
        if len(ids) > RELATED_IDS:
            arms.append(Q(**{f"{head}__in": rows.values("pk")}))
        elif ids:
            arms.append(Q(**{f"{field.attname}__in": ids}))
    return reduce(or_, arms) if arms else Q(pk__in=[])


def document_condition(model, column: str, paths: list[str], word: str) -> Q:
    """``word`` in the folded ``column`` or in one of the other ``paths``."""
    found = Q(Contains(F(column), word))
    return found | word_condition(model, paths, word) if paths else found
