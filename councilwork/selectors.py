"""Reads over the council's organisation, shared by the apps above."""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Aggregate, Count, Q, QuerySet
from django.utils.translation import gettext as _

from .models import Council, CouncilLevel, below_q


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
class OwnAndBelow:
    """Counts for a council's own records, and per level for the councils below it."""

    own: dict[str, int]
    below: dict[str, dict[str, int]]  # level -> counts, for every level that has councils


def count_own_and_below(
    queryset: QuerySet,
    *,
    council: Council,
    year: int,
    kind_field: str = "kind",
    kinds=(),
    council_field: str = "council",
) -> OwnAndBelow:
    """Count ``queryset``'s rows of ``council`` and of the councils below it, per level.

    One query whatever the number of councils or rows: conditional aggregation over
    the rows of the council and of every council under it (any depth) that existed in
    ``year``. ``council_field`` leads from a row to its council. Levels with no council
    below are left out; a level whose councils hold no record counts zeros.
    """
    measures = {"total": lambda scope: Count("pk", filter=scope)}
    for kind in kinds:
        measures[kind] = lambda scope, kind=kind: Count(
            "pk", filter=scope & Q(**{kind_field: kind})
        )
    return aggregate_own_and_below(
        queryset, council=council, year=year, measures=measures, council_field=council_field
    )


def aggregate_own_and_below(
    queryset: QuerySet,
    *,
    council: Council,
    year: int,
    measures: dict[str, Callable[[Q], Aggregate]],
    council_field: str = "council",
) -> OwnAndBelow:
    """Aggregate ``queryset``'s rows of ``council`` and of the councils below, per level.

    As count_own_and_below, with any aggregates: ``measures`` maps each name to a
    function of the scope's condition, e.g. ``lambda scope: Sum("citizens",
    filter=scope, default=0)``. One query whatever the number of councils or rows.
    """
    at = f"{council_field}__"
    scopes = {"own": Q(**{council_field: council})}
    for level in CouncilLevel.values:
        scopes[level] = Q(**{f"{at}level": level}) & below_q(council, at)
    aggregates = {
        f"{scope}__{name}": measure(condition)
        for scope, condition in scopes.items()
        for name, measure in measures.items()
    }
    existed = Council.objects.existed_in(year)
    rows = queryset.filter(
        Q(**{council_field: council}) | Q(below_q(council, at), **{f"{at}in": existed})
    )
    split = {scope: {} for scope in scopes}
    for key, value in rows.aggregate(**aggregates).items():
        scope, name = key.split("__", 1)
        split[scope][name] = value
    levels = levels_below(council=council, year=year)
    return OwnAndBelow(own=split.pop("own"), below={level: split[level] for level in levels})


def levels_below(*, council: Council, year: int) -> dict[str, int]:
    """How many councils below ``council`` existed in ``year``, per level, nearest first.

    One query; memoised on the council object for the request, since every count of
    the year asks for it.
    """
    memo = council.__dict__.setdefault("_levels_below", {})
    if year not in memo:
        rows = (
            Council.objects.below(council)
            .existed_in(year)
            .values("level")
            .annotate(n=Count("pk"))
            .order_by()
        )
        found = {row["level"]: row["n"] for row in rows}
        memo[year] = {level: found[level] for level in CouncilLevel.values if level in found}
    return memo[year]
