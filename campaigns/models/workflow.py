"""The scoring workflow's record: every transition and changed point, and the evidence."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from councilwork.files import safe_filename
from councilwork.models import RecordModel

from .campaign import POINTS, Criterion
from .scoring import Scorecard, ScorecardStatus


class EventKind(models.TextChoices):
    TRANSITION = "transition", _("Status change")
    POINTS = "points", _("Points changed")


class ScoreField(models.TextChoices):
    SELF = "self_points", _("Self-assessed points")
    APPROVED = "approved_points", _("Approved points")


class ScorecardEvent(RecordModel):
    """One step in a scorecard's history: who, when, old → new, and why."""

    # PROTECT: a scorecard with history is kept, not deleted.
    scorecard = models.ForeignKey(
        Scorecard, on_delete=models.PROTECT, related_name="events", verbose_name=_("scorecard")
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="scorecard_events",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    from_status = models.CharField(
        _("from status"), max_length=20, choices=ScorecardStatus.choices, blank=True
    )
    to_status = models.CharField(
        _("to status"), max_length=20, choices=ScorecardStatus.choices, blank=True
    )
    criterion = models.ForeignKey(
        Criterion,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("criterion"),
    )
    field = models.CharField(_("points"), max_length=20, choices=ScoreField.choices, blank=True)
    old_points = models.DecimalField(_("old points"), **POINTS, null=True, blank=True)
    new_points = models.DecimalField(_("new points"), **POINTS, null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    # Ward staff score their own council; anyone else who fills in or submits a
    # scorecard (the secretariat) does it on the subject's behalf, and says why.
    on_behalf = models.BooleanField(
        _("on the subject's behalf"),
        default=False,
        help_text=_("Entered by the secretariat for the ward or body scored"),
    )

    class Meta:
        verbose_name = _("scorecard history entry")
        verbose_name_plural = _("scorecard history")
        ordering = ["scorecard", "at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="transition") & ~Q(to_status="") & Q(criterion__isnull=True))
                | (Q(kind="points") & Q(criterion__isnull=False) & ~Q(field="")),
                name="scorecard_event_shape",
                violation_error_message=_(
                    "A status change names the new status; a points change names the criterion."
                ),
            ),
        ]

    def __str__(self) -> str:
        if self.kind == EventKind.TRANSITION:
            return f"{self.get_from_status_display()} → {self.get_to_status_display()}"
        return f"{self.criterion_id}: {self.old_points} → {self.new_points}"


def evidence_path(evidence: "Evidence", filename: str) -> str:
    """Where an upload is stored: by campaign and scorecard, behind a random prefix.

    The random part keeps names unguessable and unique; the sanitised original name
    keeps the file recognisable to whoever downloads it.
    """
    card = evidence.scorecard
    return f"evidence/{card.campaign.year}/{card.pk}/{uuid.uuid4().hex}-{safe_filename(filename)}"


class Evidence(RecordModel):
    """A file that backs a scorecard's points (minutes, photos, reports)."""

    scorecard = models.ForeignKey(
        Scorecard, on_delete=models.PROTECT, related_name="evidence", verbose_name=_("scorecard")
    )
    criterion = models.ForeignKey(
        Criterion,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="evidence",
        verbose_name=_("criterion"),
    )
    file = models.FileField(_("file"), upload_to=evidence_path, max_length=300)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="evidence_uploads",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    constraint_fields = {"evidence_not_empty": "file"}

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
        ordering = ["scorecard", "uploaded_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(size__gt=0),
                name="evidence_not_empty",
                violation_error_message=_("The file is empty."),
            ),
        ]

    def __str__(self) -> str:
        return self.original_name
