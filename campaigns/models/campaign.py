"""A council's yearly emulation campaign, its criteria and classification thresholds."""

from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from awards.models import AwardDecision
from councilwork.models import Council, RecordModel

from .metrics import CommitmentMetric

POINTS = {"max_digits": 6, "decimal_places": 2}


class SubjectKind(models.TextChoices):
    """Whom a criterion applies to, and so who is scored on it."""

    COUNCIL = "council", _("Council (self-assessment)")
    STANDING_COMMITTEE = "standing_committee", _("Standing committee")
    COMMITTEE = "committee", _("Committee")
    DEPUTY_GROUP = "deputy_group", _("Deputy group")
    DEPUTY = "deputy", _("Deputy")


BODY_SUBJECT_KINDS = (
    SubjectKind.STANDING_COMMITTEE,
    SubjectKind.COMMITTEE,
    SubjectKind.DEPUTY_GROUP,
)


class Classification(models.TextChoices):
    """Classification levels, best first."""

    EXCELLENT = "excellent", _("Excellently completed tasks")
    GOOD = "good", _("Well completed tasks")
    COMPLETED = "completed", _("Completed tasks")
    NOT_COMPLETED = "not_completed", _("Did not complete tasks")


class CampaignStatus(models.TextChoices):
    OPEN = "open", _("Open for scoring")
    CLOSED = "closed", _("Closed")


class Campaign(RecordModel):
    """A council's emulation campaign (phong trào thi đua) for one year, with its theme."""

    constraint_fields = {
        "campaign_one_per_council_year": "year",
        "campaign_score_step_positive": "score_step",
        "campaign_year_plausible": "year",
    }

    council = models.ForeignKey(
        Council, on_delete=models.PROTECT, related_name="campaigns", verbose_name=_("council")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    theme = models.TextField(_("theme"))
    launched_on = models.DateField(_("launched on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=CampaignStatus.choices, default=CampaignStatus.OPEN
    )
    award_classification = models.CharField(
        _("classification proposed for awards"),
        max_length=20,
        choices=Classification.choices,
        default=Classification.EXCELLENT,
        help_text=_("Subjects classified at least this well are proposed for an award"),
    )
    award_top = models.PositiveSmallIntegerField(
        _("proposals per kind of subject"),
        null=True,
        blank=True,
        help_text=_("At most this many best-ranked per kind (empty: no limit)"),
    )
    score_step = models.DecimalField(
        _("score step"),
        **POINTS,
        default=Decimal("0.5"),
        help_text=_("Points are given in multiples of this step, e.g. 0.5"),
    )
    allow_same_reviewer = models.BooleanField(
        _("the same person may submit and approve"),
        default=False,
        help_text=_(
            "Only for a very small council whose secretariat is one person: lets whoever "
            "submitted a scorecard also approve it"
        ),
    )

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-year", "council__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "year"],
                name="campaign_one_per_council_year",
                violation_error_message=_("This council already has a campaign for that year."),
            ),
            models.CheckConstraint(
                condition=Q(score_step__gt=0),
                name="campaign_score_step_positive",
                violation_error_message=_("The score step must be greater than zero."),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=1945) & Q(year__lte=2200),
                name="campaign_year_plausible",
                violation_error_message=_("The year is not plausible."),
            ),
        ]

    @property
    def award_decisions(self):
        """The award decisions that close this campaign: its council's, for its year.

        A council has one campaign a year, so the decision's council and achievement
        year name its campaign; no second copy of that link is stored.
        """
        return AwardDecision.objects.filter(council_id=self.council_id, year=self.year)

    def __str__(self) -> str:
        return _("Campaign %(year)s – %(council)s") % {
            "year": self.year,
            "council": self.council.short_name,
        }


class Criterion(RecordModel):
    """One scoring criterion of a campaign, for one kind of subject, with its maximum points."""

    constraint_fields = {
        "criterion_unique_code": "code",
        "criterion_max_points_positive": "max_points",
    }

    # CASCADE: criteria are entered inline as part of the campaign; scores PROTECT them.
    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("campaign")
    )
    applies_to = models.CharField(_("applies to"), max_length=30, choices=SubjectKind.choices)
    section = models.CharField(_("section"), max_length=200, blank=True)
    code = models.CharField(_("code"), max_length=20, help_text=_("E.g. 1.2"))
    title = models.CharField(_("title"), max_length=500)
    max_points = models.DecimalField(_("maximum points"), **POINTS)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    metric = models.CharField(
        _("measured by"),
        max_length=30,
        choices=CommitmentMetric.choices,
        blank=True,
        help_text=_(
            "Optional: the records' count shown beside the points on the scorecard and the "
            "review (the subject's own year); the points stay the ward's and the reviewer's."
        ),
    )

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["campaign", "applies_to", "position", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "applies_to", "code"],
                name="criterion_unique_code",
                violation_error_message=_("This code is already used for this kind of subject."),
            ),
            models.CheckConstraint(
                condition=Q(max_points__gt=0),
                name="criterion_max_points_positive",
                violation_error_message=_("The maximum must be greater than zero."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.title}"


class ClassificationThreshold(RecordModel):
    """The least total that earns a classification, for one kind of subject in a campaign."""

    constraint_fields = {
        "threshold_unique": "classification",
        "threshold_min_points_not_negative": "min_points",
    }

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="thresholds", verbose_name=_("campaign")
    )
    applies_to = models.CharField(_("applies to"), max_length=30, choices=SubjectKind.choices)
    classification = models.CharField(
        _("classification"), max_length=20, choices=Classification.choices
    )
    min_points = models.DecimalField(_("minimum total"), **POINTS)

    class Meta:
        verbose_name = _("classification threshold")
        verbose_name_plural = _("classification thresholds")
        ordering = ["campaign", "applies_to", "-min_points"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "applies_to", "classification"],
                name="threshold_unique",
                violation_error_message=_("This classification already has a threshold."),
            ),
            models.CheckConstraint(
                condition=Q(min_points__gte=0),
                name="threshold_min_points_not_negative",
                violation_error_message=_("The minimum cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_classification_display()} ≥ {self.min_points}"


def classify(total: Decimal, thresholds) -> str | None:
    """The best classification whose minimum ``total`` reaches, from (classification, min)."""
    reached = [(minimum, c) for c, minimum in thresholds if total >= minimum]
    return max(reached)[1] if reached else None
