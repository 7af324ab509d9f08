"""Every admin search forgives missing accents: "duong kinh" finds "Dương Kinh"."""

from django.contrib.admin.utils import lookup_spawns_duplicates
from django.core.exceptions import FieldDoesNotExist
from django.db.models import F

from .search import matches, query_words

_PREFIXES = "^=@"


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

    def get_search_results(self, request, queryset, search_term):
        fields = self.get_search_fields(request)
        words = query_words(search_term)
        if not fields or not words:
            return queryset, False
        model = queryset.model
        paths = [p for p in (search_path(model, name) for name in fields) if p]
        if not paths:
            return queryset, False
        found = queryset.filter(matches([F(path) for path in paths], words))
        duplicates = any(lookup_spawns_duplicates(model._meta, path) for path in paths)
        return found, duplicates
