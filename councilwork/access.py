"""Who may see which council's summary: one helper, used by every summary view."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from councilwork.models import Council
from councilwork.roles import Role
from councilwork.selectors import CouncilNotFound, council_for_summary
from councilwork.services import user_role


def visible_council(user, slug: str | None) -> Council:
    """The council ``user`` asked for (or their default one), or 404/403.

    Leaders and the secretariat see every council; their default is the top-level
    one. Ward staff see only their own council: any other is a 404, so they learn
    nothing about records that are not theirs.
    """
    role = user_role(user)
    if role == Role.WARD:
        if user.council_id is None:  # bound to no council: nothing is theirs to see
            raise Http404
        if slug and slug != user.council.slug:
            raise Http404
        return user.council
    if role is None and not user.is_superuser:
        raise PermissionDenied
    if slug:
        if "\x00" in slug:  # no council has it, and PostgreSQL cannot even look it up
            raise Http404
        return get_object_or_404(Council, slug=slug)
    try:
        return council_for_summary(None)
    except CouncilNotFound:
        raise Http404 from None
