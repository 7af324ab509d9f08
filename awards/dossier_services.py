"""A dossier's steps: draft → ready (complete) → reviewed (balloted) → decided.

Each step is one service, keyword-only, inside one transaction on the locked dossier;
only the secretariat prepares dossiers, leaders read them.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from councilwork.roles import Role
from councilwork.services import user_role

from .dossier_rules import RECIPIENTS, check_complete, nominee_ballot, policy_for
from .dossiers import AwardDossier, AwardNominee, DossierStatus


def _secretariat_only(user) -> None:
    if not (user.is_superuser or user_role(user) == Role.SECRETARIAT):
        raise PermissionDenied


def _locked(dossier: AwardDossier, *expected: str) -> AwardDossier:
    dossier = AwardDossier.objects.select_for_update().get(pk=dossier.pk)
    if dossier.status not in expected:
        raise ValidationError(
            _("The dossier is %(status)s: this step is not open to it.")
            % {"status": dossier.get_status_display()},
            code="status",
        )
    return dossier


@transaction.atomic
def dossier_mark_ready(*, dossier: AwardDossier, user) -> AwardDossier:
    """Send a complete dossier to the meeting; an incomplete one is refused, unchanged."""
    _secretariat_only(user)
    dossier = _locked(dossier, DossierStatus.DRAFT)
    check_complete(dossier)
    dossier.status = DossierStatus.READY
    dossier.full_clean()
    dossier.save(update_fields=["status"])
    return dossier


@transaction.atomic
def dossier_record_meeting(*, dossier: AwardDossier, user) -> AwardDossier:
    """Close the meeting: its date, attendance and every nominee's tally must be in."""
    _secretariat_only(user)
    dossier = _locked(dossier, DossierStatus.READY)
    missing = [
        str(field.verbose_name)
        for field in (AwardDossier._meta.get_field(n) for n in MEETING_FIELDS)
        if getattr(dossier, field.name) is None
    ]
    if missing:
        raise ValidationError(
            _("The meeting's record lacks: %(fields)s.") % {"fields": ", ".join(missing)},
            code="meeting",
        )
    untallied = [
        str(n.recipient)
        for n in dossier.nominees.select_related(*RECIPIENTS)
        if None in (n.votes_for, n.votes_against, n.votes_invalid)
    ]
    if untallied:
        raise ValidationError(
            _("No ballot tally for: %(names)s.") % {"names": ", ".join(untallied)},
            code="tally",
        )
    if policy_for(dossier.kind) is None:
        raise ValidationError(
            _("The vote threshold of this award kind is not set (award policies)."),
            code="policy",
        )
    dossier.status = DossierStatus.REVIEWED
    dossier.full_clean()
    dossier.save(update_fields=["status"])
    return dossier


MEETING_FIELDS = ("meeting_date", "members_total", "members_present")


def carried_nominees(dossier: AwardDossier) -> list[AwardNominee]:
    """The nominees whose ballot reached the award kind's threshold, in dossier order."""
    policy = policy_for(dossier.kind)
    nominees = dossier.nominees.select_related("dossier", *RECIPIENTS).order_by("pk")
    return [n for n in nominees if (b := nominee_ballot(n, policy)) is not None and b.carried]
