"""Writes with rules over campaigns: the scoring workflow (awards: ``awarding``).

Every function is atomic and keyword-only. A scorecard write first claims the
scorecard's version with a conditional UPDATE: a form built on an older version is
refused (never silently overwritten), and of two identical submits only one wins.
"""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from councilwork.roles import Role
from councilwork.services import user_role

from .awarding import awards_from_proposals as awards_from_proposals
from .evidence import check_upload
from .models import (
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


def acts_on_behalf(user) -> bool:
    """Whether ``user`` scores for someone else: anyone but ward staff (who score their own)."""
    return user_role(user) != Role.WARD


def _transition(card: Scorecard, to_status: str, user, reason: str = "", on_behalf=False) -> None:
    ScorecardEvent.objects.create(
        scorecard=card,
        actor=user,
        kind=EventKind.TRANSITION,
        from_status=card.status,
        to_status=to_status,
        reason=reason,
        on_behalf=on_behalf,
    )
    card.status = to_status


def _points_event(card, user, criterion, field, old, new, reason="", on_behalf=False) -> None:
    ScorecardEvent.objects.create(
        scorecard=card,
        actor=user,
        kind=EventKind.POINTS,
        criterion=criterion,
        field=field,
        old_points=old,
        new_points=new,
        reason=reason,
        on_behalf=on_behalf,
    )


def submission(card: Scorecard) -> ScorecardEvent | None:
    """The event of the scorecard's latest submission (who sent it, on whose behalf, why)."""
    return (
        card.events.filter(kind=EventKind.TRANSITION, to_status=ScorecardStatus.SUBMITTED)
        .select_related("actor")
        .order_by("-at", "-pk")
        .first()
    )


def may_approve(user, card: Scorecard) -> bool:
    """Four eyes: whoever submitted a scorecard does not approve it, unless the campaign allows."""
    if card.campaign.allow_same_reviewer:
        return True
    submitted = submission(card)
    return submitted is None or submitted.actor_id != user.pk


@transaction.atomic
def scorecard_save(
    *, scorecard: Scorecard, user, version: int, entries: dict[int, tuple[Decimal | None, str]]
) -> Scorecard:
    """Save self-assessed points and notes, ``entries`` keyed by criterion id (a draft)."""
    _require(user, Role.WARD, Role.SECRETARIAT)
    on_behalf = acts_on_behalf(user)
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
            _points_event(card, user, criterion, ScoreField.SELF, old, points, on_behalf=on_behalf)
    if errors:
        raise ValidationError(errors)
    card.save()  # records the new version in the audit history
    return card


@transaction.atomic
def scorecard_submit(*, scorecard: Scorecard, user, version: int, reason: str = "") -> Scorecard:
    """Send a complete draft to the secretariat; it is read-only to the ward afterwards.

    The secretariat may submit on the subject's behalf (a ward without a login, a paper
    report), always with ``reason``; the history records it as such.
    """
    _require(user, Role.WARD, Role.SECRETARIAT)
    on_behalf = acts_on_behalf(user)
    if on_behalf and not reason.strip():
        raise ValidationError(
            {"behalf_reason": _("Give the reason for submitting on the subject's behalf.")}
        )
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
    _transition(
        card, ScorecardStatus.SUBMITTED, user, reason if on_behalf else "", on_behalf=on_behalf
    )
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
    Whoever submitted it cannot approve it unless the campaign allows the same reviewer.
    """
    _require(user, Role.SECRETARIAT)
    card = _claim(scorecard, version)
    if card.status != ScorecardStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted scorecard can be approved."))
    if not may_approve(user, card):
        raise ValidationError(
            _(
                "You submitted this scorecard, so someone else must approve it "
                "(the campaign does not allow the same person to do both)."
            ),
            code="four_eyes",
        )
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
