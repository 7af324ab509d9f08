"""Writes with rules over campaigns: the scoring workflow and awards from proposals.

Every function is atomic and keyword-only. A scorecard write first claims the
scorecard's version with a conditional UPDATE: a form built on an older version is
refused (never silently overwritten), and of two identical submits only one wins.
"""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from awards.models import Award, AwardDecision
from councilwork.roles import Role
from councilwork.services import user_role

from .evidence import check_upload
from .models import (
    Campaign,
    CampaignStatus,
    EventKind,
    Evidence,
    Score,
    Scorecard,
    ScorecardEvent,
    ScorecardStatus,
    ScoreField,
)
from .models.workflow import safe_filename
from .ranking import award_proposals

EDITABLE = (ScorecardStatus.DRAFT, ScorecardStatus.RETURNED)


def _require_editable(card: Scorecard) -> None:
    """Ward scores change only in a draft or returned scorecard of an open campaign."""
    if card.campaign.status != CampaignStatus.OPEN:
        raise ValidationError(_("The campaign is closed; its scorecards can no longer change."))
    if card.status not in EDITABLE:
        raise ValidationError(_("This scorecard is submitted and can no longer be changed."))


def _require(user, *roles: Role) -> None:
    if not (user.is_superuser or user_role(user) in roles):
        raise PermissionDenied


def _claim(scorecard: Scorecard, version: int) -> Scorecard:
    """Take the scorecard for this write, or refuse a stale form.

    The conditional UPDATE is what makes it safe under concurrency; every caller then
    saves the scorecard itself, which writes the change to the audit history.
    """
    # figures: only the optimistic version moves here; the caller's save() follows.
    claimed = Scorecard.objects.filter(pk=scorecard.pk, version=version).update(
        version=F("version") + 1
    )
    if not claimed:
        raise ValidationError(
            _("Someone else changed this scorecard meanwhile. Reload it and try again."),
            code="stale",
        )
    return Scorecard.objects.select_for_update().select_related("campaign").get(pk=scorecard.pk)


def _transition(card: Scorecard, to_status: str, user, reason: str = "") -> None:
    ScorecardEvent.objects.create(
        scorecard=card,
        actor=user,
        kind=EventKind.TRANSITION,
        from_status=card.status,
        to_status=to_status,
        reason=reason,
    )
    card.status = to_status


def _points_event(card, user, criterion, field, old, new, reason="") -> None:
    ScorecardEvent.objects.create(
        scorecard=card,
        actor=user,
        kind=EventKind.POINTS,
        criterion=criterion,
        field=field,
        old_points=old,
        new_points=new,
        reason=reason,
    )


@transaction.atomic
def scorecard_save(
    *, scorecard: Scorecard, user, version: int, entries: dict[int, tuple[Decimal | None, str]]
) -> Scorecard:
    """Save self-assessed points and notes, ``entries`` keyed by criterion id (a draft)."""
    _require(user, Role.WARD, Role.SECRETARIAT)
    card = _claim(scorecard, version)
    _require_editable(card)
    scores = {s.criterion_id: s for s in card.scores.select_related("criterion")}
    errors = {}
    for criterion in card.campaign.criteria.filter(applies_to=card.subject_kind):
        if criterion.pk not in entries:
            continue
        points, note = entries[criterion.pk]
        score = scores.get(criterion.pk) or Score(scorecard=card, criterion=criterion)
        old = score.self_points
        score.self_points, score.note = points, note
        try:
            score.full_clean()
        except ValidationError as error:
            errors[f"points_{criterion.pk}"] = error.messages
            continue
        score.save()
        if old != points:
            _points_event(card, user, criterion, ScoreField.SELF, old, points)
    if errors:
        raise ValidationError(errors)
    card.save()  # records the new version in the audit history
    return card


@transaction.atomic
def scorecard_submit(*, scorecard: Scorecard, user, version: int) -> Scorecard:
    """Send a complete draft to the secretariat; it is read-only to the ward afterwards."""
    _require(user, Role.WARD, Role.SECRETARIAT)
    card = _claim(scorecard, version)
    if card.status == ScorecardStatus.SUBMITTED:
        raise ValidationError(_("This scorecard has already been submitted."))
    _require_editable(card)
    scored = set(
        card.scores.filter(self_points__isnull=False).values_list("criterion_id", flat=True)
    )
    criteria = card.campaign.criteria.filter(applies_to=card.subject_kind)
    missing = {
        f"points_{c.pk}": _("Give points for this criterion before submitting.")
        for c in criteria
        if c.pk not in scored
    }
    if missing or not criteria.exists():
        raise ValidationError(missing or _("This scorecard has no criteria to score."))
    _transition(card, ScorecardStatus.SUBMITTED, user)
    card.submitted_at = timezone.now()
    card.return_reason = ""
    card.save()
    return card


@transaction.atomic
def scorecard_approve(
    *, scorecard: Scorecard, user, version: int, decisions: dict[int, tuple[Decimal | None, str]]
) -> Scorecard:
    """Approve a submitted scorecard; a point that differs from the ward's needs a reason.

    ``decisions`` maps criterion id to (approved points or None for the ward's, reason).
    """
    _require(user, Role.SECRETARIAT)
    card = _claim(scorecard, version)
    if card.status != ScorecardStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted scorecard can be approved."))
    errors = {}
    for score in card.scores.select_related("criterion"):
        points, reason = decisions.get(score.criterion_id, (None, ""))
        points = score.self_points if points is None else points
        changed = points != score.self_points
        if changed and not reason.strip():
            errors[f"reason_{score.criterion_id}"] = [_("Give the reason for changing the points.")]
            continue
        score.approved_points = points
        try:
            score.full_clean()
        except ValidationError as error:
            errors[f"approved_{score.criterion_id}"] = error.messages
            continue
        score.save()
        if changed:
            _points_event(
                card, user, score.criterion, ScoreField.APPROVED, score.self_points, points, reason
            )
    if errors:
        raise ValidationError(errors)
    _transition(card, ScorecardStatus.APPROVED, user)
    card.reviewed_by, card.reviewed_at = user, timezone.now()
    card.save()
    return card


@transaction.atomic
def scorecard_return(*, scorecard: Scorecard, user, version: int, reason: str) -> Scorecard:
    """Send a submitted scorecard back to the ward with the reason; it can edit again."""
    _require(user, Role.SECRETARIAT)
    if not reason.strip():
        raise ValidationError({"return_reason": _("Give the reason for returning it.")})
    card = _claim(scorecard, version)
    if card.status != ScorecardStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted scorecard can be returned."))
    _transition(card, ScorecardStatus.RETURNED, user, reason)
    card.return_reason = reason
    card.reviewed_by, card.reviewed_at = user, timezone.now()
    card.save()
    return card


@transaction.atomic
def awards_from_proposals(
    *,
    campaign: Campaign,
    user,
    number: str,
    decision_date: dt.date,
    issuing_authority: str,
    kind: str,
) -> AwardDecision:
    """Turn the campaign's award proposals into one decision with an award each."""
    _require(user, Role.SECRETARIAT)
    proposals = award_proposals(campaign)
    if not proposals:
        raise ValidationError(_("There is no proposal to turn into awards."))
    decision = AwardDecision(
        council=campaign.council,
        year=campaign.year,
        kind=kind,
        number=number,
        decision_date=decision_date,
        issuing_authority=issuing_authority,
        title=_("Awards of the %(year)s emulation campaign") % {"year": campaign.year},
    )
    decision.full_clean()
    decision.save()
    cards = Scorecard.objects.select_related("subject_deputy").in_bulk(
        [row.scorecard_pk for row in proposals]
    )
    for row in proposals:
        card = cards[row.scorecard_pk]
        award = Award(
            decision=decision,
            recipient_council=card.subject_council,
            recipient_body=card.subject_body,
            recipient_person=card.subject_deputy.person if card.subject_deputy_id else None,
            achievement=row.classification_label,
        )
        award.full_clean()
        award.save()
    return decision


@transaction.atomic
def evidence_add(*, scorecard: Scorecard, user, upload, criterion_id: int | None = None):
    """Attach a checked file to an editable scorecard, under a sanitised name."""
    _require(user, Role.WARD, Role.SECRETARIAT)
    card = Scorecard.objects.select_for_update().select_related("campaign").get(pk=scorecard.pk)
    _require_editable(card)
    content_type = check_upload(upload)
    name = safe_filename(upload.name)
    criterion = None
    if criterion_id is not None:
        criterion = card.campaign.criteria.filter(
            pk=criterion_id, applies_to=card.subject_kind
        ).first()
        if criterion is None:
            raise ValidationError({"criterion": _("Choose a criterion of this scorecard.")})
    evidence = Evidence(
        scorecard=card,
        criterion=criterion,
        original_name=name,
        content_type=content_type,
        size=upload.size,
        uploaded_by=user,
    )
    evidence.file.save(name, upload, save=False)
    # Should the row fail to save, the stored file must not stay behind unreferenced.
    try:
        evidence.full_clean()
        evidence.save()
    except Exception:
        evidence.file.delete(save=False)
        raise
    return evidence


@transaction.atomic
def evidence_remove(*, evidence: Evidence, user) -> None:
    """Remove a file from an editable scorecard (the file goes once the row is gone)."""
    _require(user, Role.WARD, Role.SECRETARIAT)
    card = (
        Scorecard.objects.select_for_update()
        .select_related("campaign")
        .get(pk=evidence.scorecard_id)
    )
    _require_editable(card)
    storage, name = evidence.file.storage, evidence.file.name
    evidence.delete()
    transaction.on_commit(lambda: storage.delete(name))
