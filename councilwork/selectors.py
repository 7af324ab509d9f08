"""Reads over the council's organisation, shared by the apps above."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from .models import Council


class CouncilNotFound(LookupError):
    """No council matches, or the top-level council is ambiguous."""


def council_for_summary(slug: str | None = None) -> Council:
    """The council named by ``slug``, else the single top-level council (one query)."""
    if slug:
        try:
            return Council.objects.get(slug=slug)
        except Council.DoesNotExist:
            raise CouncilNotFound(
                _("No council has the code “%(slug)s”.") % {"slug": slug}
            ) from None
    roots = list(Council.objects.roots()[:2])
    if len(roots) != 1:
        raise CouncilNotFound(
            _("There is no single top-level council; choose one with --council.")
            if roots
            else _("There is no council yet.")
        )
    return roots[0]


@dataclass(frozen=True)
class OwnAndChildren:
    """Counts for a council's own records and for its child councils' records together."""

    own: dict[str, int]
    children: dict[str, int]


def count_own_and_children(
    queryset: QuerySet, *, council: Council, kind_field: str | None = None, kinds=()
) -> OwnAndChildren:
    """Count ``queryset``'s rows of ``council`` and of its children, in total and per kind.

    One query whatever the number of councils or rows: conditional aggregation over
    rows whose ``council`` is the council or one of its direct children.
    """
    scopes = {"own": Q(council=council), "children": Q(council__parent=council)}
    aggregates = {}
    for scope, condition in scopes.items():
        aggregates[f"{scope}__total"] = Count("pk", filter=condition)
        for kind in kinds:
            aggregates[f"{scope}__{kind}"] = Count("pk", filter=condition & Q(**{kind_field: kind}))
    row = queryset.filter(scopes["own"] | scopes["children"]).aggregate(**aggregates)
    split = {scope: {} for scope in scopes}
    for key, value in row.items():
        scope, name = key.split("__", 1)
        split[scope][name] = value
    return OwnAndChildren(own=split["own"], children=split["children"])
