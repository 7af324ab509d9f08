"""Reads over sessions and resolutions."""

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
