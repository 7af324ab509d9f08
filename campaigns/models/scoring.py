"""Scorecards: one subject's points in one campaign, and each criterion's score."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from councilwork.models import Body, Council, Deputy, RecordModel

from ..formatting import format_points
from .campaign import BODY_SUBJECT_KINDS, POINTS, Campaign, Criterion, SubjectKind


class ScorecardStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned")


# The subject column must match the subject kind, and only that column is filled.
_SUBJECT_MATCHES_KIND = (
    Q(
        subject_kind=SubjectKind.COUNCIL,
        subject_council__isnull=False,
        subject_body__isnull=True,
        subject_deputy__isnull=True,
    )
    | Q(
        subject_kind__in=BODY_SUBJECT_KINDS,
        subject_council__isnull=True,
        subject_body__isnull=False,
        subject_deputy__isnull=True,
    )
    | Q(
        subject_kind=SubjectKind.DEPUTY,
        subject_council__isnull=True,
        subject_body__isnull=True,
        subject_deputy__isnull=False,
    )
)


class ScorecardQuerySet(models.QuerySet):
    def with_totals(self, name: str = "total"):
        """Each scorecard with its total as ``name``: per criterion, the approved points
        where reviewed, else the ward's own; 0 for a scorecard without points.

        The one home of "a scorecard's total" (the ranking, the summary, the admin and
        the scorecard page use it); ``Score.points`` is its per-row twin, tested equal.
        A correlated subquery: summed for the rows selected, never GROUP BY the table.
        """
        points = Coalesce("approved_points", "self_points")
        total = (
            Score.objects.filter(scorecard=OuterRef("pk"))
            .order_by()
            .values("scorecard")
            .annotate(total=Sum(points, output_field=models.DecimalField()))
            .values("total")
        )
        zero = Value(Decimal(0), output_field=models.DecimalField())
        return self.annotate(**{name: Coalesce(Subquery(total), zero)})


class Scorecard(RecordModel):
    """One subject's scores in one campaign, moving draft → submitted → approved or returned."""

    constraint_fields = {"scorecard_return_has_reason": "return_reason"}

    campaign = models.ForeignKey(
        Campaign, on_delete=models.PROTECT, related_name="scorecards", verbose_name=_("campaign")
    )
    subject_kind = models.CharField(_("subject kind"), max_length=30, choices=SubjectKind.choices)
    subject_council = models.ForeignKey(
        Council,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="scorecards",
        verbose_name=_("council scored"),
    )
    subject_body = models.ForeignKey(
        Body,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="scorecards",
        verbose_name=_("body scored"),
    )
    subject_deputy = models.ForeignKey(
        Deputy,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="scorecards",
        verbose_name=_("deputy scored"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ScorecardStatus.choices, default=ScorecardStatus.DRAFT
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reviewed_scorecards",
        verbose_name=_("reviewed by"),
    )
    return_reason = models.TextField(_("reason for return"), blank=True)
    # Incremented by every write of the workflow, so a stale form can be refused.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    objects = ScorecardQuerySet.as_manager()
    # Machinery, not a fact about the scorecard: never shown on its pages or history.
    internal_fields = ("version",)

    class Meta:
        verbose_name = _("scorecard")
        verbose_name_plural = _("scorecards")
        ordering = ["campaign", "subject_kind", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=_SUBJECT_MATCHES_KIND,
                name="scorecard_subject_matches_kind",
                violation_error_message=_(
                    "Choose exactly one subject, of the kind the scorecard is for."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(status=ScorecardStatus.RETURNED) | ~Q(return_reason=""),
                name="scorecard_return_has_reason",
                violation_error_message=_("A returned scorecard needs a reason."),
            ),
            *(
                models.UniqueConstraint(
                    fields=["campaign", field],
                    condition=Q(**{f"{field}__isnull": False}),
                    name=f"scorecard_one_per_{field}",
                    violation_error_message=_("This subject already has a scorecard here."),
                )
                for field in ("subject_council", "subject_body", "subject_deputy")
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject} – {self.campaign}"

    @property
    def subject(self):
        return self.subject_council or self.subject_body or self.subject_deputy

    def clean(self) -> None:
        if (
            self.subject_body_id
            and self.subject_kind in BODY_SUBJECT_KINDS
            and self.subject_body.kind != self.subject_kind
        ):
            raise ValidationError(
                {"subject_body": _("The body is not of the kind the scorecard is for.")}
            )
        if self.campaign_id and self.subject is not None:
            council = self._subject_council()
            if not council.is_within(self.campaign.council):
                raise ValidationError(
                    _("The subject must belong to the campaign's council or to a council under it.")
                )

    def _subject_council(self) -> Council:
        if self.subject_council_id:
            return self.subject_council
        if self.subject_body_id:
            return self.subject_body.council
        return self.subject_deputy.term.council


class Score(RecordModel):
    """Points for one criterion on a scorecard: self-assessed, then approved."""

    constraint_fields = {
        "score_one_per_criterion": "criterion",
        "score_self_points_not_negative": "self_points",
        "score_approved_points_not_negative": "approved_points",
    }

    # CASCADE: scores are part of their scorecard, edited together.
    scorecard = models.ForeignKey(
        Scorecard, on_delete=models.CASCADE, related_name="scores", verbose_name=_("scorecard")
    )
    criterion = models.ForeignKey(
        Criterion, on_delete=models.PROTECT, related_name="scores", verbose_name=_("criterion")
    )
    self_points = models.DecimalField(_("self-assessed points"), **POINTS, null=True, blank=True)
    approved_points = models.DecimalField(_("approved points"), **POINTS, null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["scorecard", "criterion__position", "criterion__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["scorecard", "criterion"],
                name="score_one_per_criterion",
                violation_error_message=_("This criterion is already scored on this scorecard."),
            ),
            models.CheckConstraint(
                condition=Q(self_points__isnull=True) | Q(self_points__gte=0),
                name="score_self_points_not_negative",
                violation_error_message=_("Points cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(approved_points__isnull=True) | Q(approved_points__gte=0),
                name="score_approved_points_not_negative",
                violation_error_message=_("Points cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion.code}: {self.points}"

    @property
    def points(self):
        """The approved points once given, else the self-assessed ones.

        The per-row twin of ``Scorecard.objects.with_totals()`` (tested equal).
        """
        return self.approved_points if self.approved_points is not None else self.self_points

    def clean(self) -> None:
        criterion, scorecard = self.related("criterion"), self.related("scorecard")
        if criterion is None or scorecard is None:
            return
        if criterion.campaign_id != scorecard.campaign_id:
            raise ValidationError({"criterion": _("The criterion belongs to another campaign.")})
        if criterion.applies_to != scorecard.subject_kind:
            raise ValidationError(
                {"criterion": _("The criterion does not apply to this kind of subject.")}
            )
        errors = {}
        step = scorecard.campaign.score_step
        for field in ("self_points", "approved_points"):
            value = getattr(self, field)
            if value is None:
                continue
            if value > criterion.max_points:
                errors[field] = _("At most %(max)s points for this criterion.") % {
                    "max": format_points(criterion.max_points)
                }
            elif value % step:
                errors[field] = _("Points go in steps of %(step)s.") % {"step": format_points(step)}
        if errors:
            raise ValidationError(errors)
