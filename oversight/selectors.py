"""Reads over oversight activities."""

from councilwork.models import Council
from councilwork.selectors import OwnAndChildren, count_own_and_children

from .models import ActivityKind, OversightActivity


def activity_counts(*, council: Council, year: int) -> OwnAndChildren:
    """Activities started in ``year``, in total and per kind; own and children's (1 query)."""
    return count_own_and_children(
        OversightActivity.objects.in_year(year),
        council=council,
        kind_field="kind",
        kinds=ActivityKind.values,
    )
