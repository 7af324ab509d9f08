"""Reads over sessions and resolutions."""

from django.db.models import Count, Q

from councilwork.models import Council
from councilwork.selectors import OwnAndBelow, count_own_and_below

from .models import Resolution, Session, SessionKind


def session_counts(*, council: Council, year: int) -> OwnAndBelow:
    """Sessions opened in ``year``: total, regular, thematic; own and per level below."""
    return count_own_and_below(
        Session.objects.in_year(year), council=council, year=year, kinds=SessionKind.values
    )


def resolution_counts(*, council: Council, year: int) -> OwnAndBelow:
    """Resolutions adopted in ``year``, by their session's council; own and per level below."""
    return count_own_and_below(
        Resolution.objects.in_year(year),
        council=council,
        year=year,
        council_field="session__council",
    )


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
    """Per council id: resolutions adopted in ``year``, by their session's council. 1 query."""
    rows = (
        Resolution.objects.in_year(year)
        .filter(session__council__in=councils)
        .values("session__council")
        .annotate(total=Count("pk"))
        .order_by()
    )
    return {row["session__council"]: row["total"] for row in rows}
