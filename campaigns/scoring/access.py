"""Who may see which scorecard: one helper, used by every scoring view."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from councilwork.roles import Role
from councilwork.services import user_role

from ..models import CampaignStatus, Scorecard, ScorecardStatus
from ..services import EDITABLE

SCORECARD_RELATED = (
    "campaign__council",
    "subject_council",
    "subject_body__council",
    "subject_deputy__person",
    "subject_deputy__term__council",
    "reviewed_by",
)


def council_scorecards(council_id: int):
    """Scorecards whose subject is the council, one of its bodies or one of its deputies."""
    return Scorecard.objects.filter(
        Q(subject_council_id=council_id)
        | Q(subject_body__council_id=council_id)
        | Q(subject_deputy__term__council_id=council_id)
    )


def visible_scorecards(user):
    """The scorecards ``user`` may open: ward staff their council's, others all.

    Fails closed: ward staff bound to no council see none (a filter on a missing
    council would match every scorecard whose subject is not a council).
    """
    role = user_role(user)
    if role == Role.WARD:
        if user.council_id is None:
            return Scorecard.objects.none()
        return council_scorecards(user.council_id)
    if role in (Role.SECRETARIAT, Role.LEADER) or user.is_superuser:
        return Scorecard.objects.all()
    return Scorecard.objects.none()


def scorecard_for(user, pk: int) -> Scorecard:
    """The scorecard if ``user`` may see it; another ward's is a 404, not a 403.

    The same rule as ``visible_scorecards``, checked on the row read with its subject
    (select_related): one query by primary key instead of three joined alternatives.
    """
    card = get_object_or_404(Scorecard.objects.select_related(*SCORECARD_RELATED), pk=pk)
    if not _sees(user, card):
        raise Http404
    return card


def _sees(user, card: Scorecard) -> bool:
    """``card`` is in ``visible_scorecards(user)``, from the subject already read."""
    body, deputy = card.subject_body, card.subject_deputy
    councils = (
        card.subject_council_id,
        body.council_id if body is not None else None,
        deputy.term.council_id if deputy is not None else None,
    )
    return sees(user, councils)


def sees(user, councils) -> bool:
    """A scorecard whose subject belongs to ``councils`` (the subject council's id, the
    body's council's, the deputy's term's council's; None where the subject is not one
    of those) is in ``visible_scorecards(user)``."""
    role = user_role(user)
    if role == Role.WARD:
        return user.council_id is not None and user.council_id in councils
    return role in (Role.SECRETARIAT, Role.LEADER) or user.is_superuser


def can_edit(user, card: Scorecard) -> bool:
    """Ward staff (and the secretariat) edit a draft or returned scorecard."""
    return editable(user, card.status, card.campaign.status)


def editable(user, status: str, campaign_status: str) -> bool:
    """``can_edit`` from the scorecard's and its campaign's status."""
    role = user_role(user)
    open_card = status in EDITABLE and campaign_status == CampaignStatus.OPEN
    return open_card and (role in (Role.WARD, Role.SECRETARIAT) or user.is_superuser)


def can_review(user, card: Scorecard) -> bool:
    return card.status == ScorecardStatus.SUBMITTED and (
        user_role(user) == Role.SECRETARIAT or user.is_superuser
    )


def require_role(user, *roles: Role) -> None:
    """403 for a page the user's role does not use."""
    if not (user.is_superuser or user_role(user) in roles):
        raise PermissionDenied
