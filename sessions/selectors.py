"""Reads over sessions and resolutions."""

from django.db.models import Count, Q

from councilwork.models import Council
from councilwork.selectors import OwnAndChildren, count_own_and_children

from .models import Resolution, Session, SessionKind


def session_counts(*, council: Council, year: int) -> OwnAndChildren:
    """Sessions opened in ``year``: total, regular, thematic; own and children's (1 query)."""
    return count_own_and_children(
        Session.objects.in_year(year), council=council, kind_field="kind", kinds=SessionKind.values
    )


def resolution_counts(*, council: Council, year: int) -> OwnAndChildren:
    """Resolutions adopted in ``year``, own and children's (1 query)."""
    return count_own_and_children(Resolution.objects.in_year(year), council=council)


def session_counts_by_council(*, councils, year: int) -> dict[int, dict[str, int]]:
    """Per council id: sessions opened in ``year`` (total, per kind, paperless). 1 query.

    ``councils`` is a queryset of councils, used as a subquery.
    """
    aggregates = {"total": Count("pk"), "paperless": Count("pk", filter=Q(paperless=True))}
    for kind in SessionKind.values:
        aggregates[kind] = Count("pk", filter=Q(kind=kind))
    rows = (
        Session.objects.in_year(year)
        .filter(council__in=councils)
        .values("council")
        .annotate(**aggregates)
        .order_by()
    )
    return {row.pop("council"): row for row in rows}


def resolution_counts_by_council(*, councils, year: int) -> dict[int, int]:
    """Per council id: resolutions adopted in ``year``. 1 query."""
    rows = (
        Resolution.objects.in_year(year)
        .filter(council__in=councils)
        .values("council")
        .annotate(total=Count("pk"))
        .order_by()
    )
    return {row["council"]: row["total"] for row in rows}
