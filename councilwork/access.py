"""Who may see which council's records, and who may record them: one home for each rule.

``visible_council`` is read by every summary view; ``recording_scope`` by every page on
which ward staff record their own council's work (attendance, votes, reception days,
meetings with voters, responses to recommendations).
"""

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


def recording_scope(user) -> int | None:
    """The council whose records ``user`` may enter on the ward pages: None for every one.

    The secretariat (and a superuser) record for every council: None. Ward staff record
    their own council's: its id; a ward login bound to no council is a 404 (nothing is
    theirs). Leaders read, they do not record: 403, as anyone else.
    """
    role = user_role(user)
    if user.is_superuser or role == Role.SECRETARIAT:
        return None
    if role == Role.WARD:
        if user.council_id is None:
            raise Http404
        return user.council_id
    raise PermissionDenied


def recordable(queryset, user, council_field: str = "council"):
    """``queryset`` narrowed to the records ``user`` may enter (``recording_scope``)."""
    scope = recording_scope(user)
    if scope is None:
        return queryset
    return queryset.filter(**{f"{council_field}_id": scope})


def recordable_councils(user):
    """The councils whose records ``user`` may enter (``recording_scope``)."""
    scope = recording_scope(user)
    councils = Council.objects.all()
    return councils if scope is None else councils.filter(pk=scope)
