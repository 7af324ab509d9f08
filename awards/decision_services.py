"""Issuing a dossier's decision: the register's next number, the awards, exactly once.

The dossier's row is locked first, so of two secretaries issuing together one makes
the decision and the other is told it is issued already. The number comes from the
council's award-decision register (councilwork.numbering), in the same transaction:
a refused issue gives its number back, none is given twice.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from councilwork.models.numbering import RegisterKind
from councilwork.numbering import issue_number
from councilwork.roles import Role
from councilwork.services import user_role

from .dossier_services import carried_nominees
from .dossiers import AwardDossier, DossierStatus
from .models import Award, AwardDecision


def decision_issue(
    *,
    dossier: AwardDossier,
    user,
    decision_date,
    suffix: str = "QĐ-UBND",
    title: str = "",
) -> AwardDecision:
    """Issue the reviewed dossier's decision with an award per carried nominee.

    Refused with a message, and nothing written: a dossier not reviewed yet, one whose
    decision is issued already (a second or concurrent issue), or no nominee carried.
    """
    if not (user.is_superuser or user_role(user) == Role.SECRETARIAT):
        raise PermissionDenied
    try:
        with transaction.atomic():
            return _issue(dossier, user, decision_date, suffix, title)
    except IntegrityError:
        raise ValidationError(
            _("Another decision was recorded at the same moment. Reload the page."),
            code="concurrent",
        ) from None


def _issue(dossier, user, decision_date, suffix, title) -> AwardDecision:
    dossier = AwardDossier.objects.select_for_update().select_related("council").get(pk=dossier.pk)
    if dossier.status == DossierStatus.DECIDED or dossier.decisions.exists():
        raise ValidationError(_("The decision on this dossier is issued already."), code="issued")
    if dossier.status != DossierStatus.REVIEWED:
        raise ValidationError(
            _("The emulation council has not reviewed this dossier yet."), code="status"
        )
    carried = carried_nominees(dossier)
    if not carried:
        raise ValidationError(_("No nominee reached the vote threshold."), code="none")
    title = title or _("Awards of the %(year)s emulation campaign") % {"year": dossier.year}
    number = issue_number(
        dossier.council,
        decision_date.year,
        RegisterKind.AWARD_DECISION,
        symbol=suffix,
        subject=title,
        user=user,
    )
    decision = AwardDecision(
        council=dossier.council,
        year=dossier.year,
        kind=dossier.kind,
        issuing_authority=dossier.issuing_authority,
        decision_date=decision_date,
        number=number.code,
        title=title,
        dossier=dossier,
        issued_at=timezone.now(),
    )
    decision.full_clean()
    decision.save()
    for nominee in carried:
        award = Award(
            decision=decision,
            **nominee.recipient_values(),
            achievement=nominee.achievement,
        )
        award.full_clean()
        award.save()
    dossier.status = DossierStatus.DECIDED
    dossier.save(update_fields=["status"])
    return decision
