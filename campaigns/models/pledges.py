"""Emulation pledges (giao ước thi đua) and their commitments."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from councilwork.models import Body, RecordModel
from councilwork.search import search_document

from .campaign import Campaign
from .metrics import CommitmentMetric


class PledgeQuerySet(models.QuerySet):
    def for_campaign_year(self, council, year: int):
        """Pledges signed to ``council``'s campaign of ``year`` (by its bodies or below)."""
        return self.filter(campaign__council=council, campaign__year=year)

    def signed_by_council(self, council, year: int):
        """Pledges that ``council``'s own bodies signed for ``year``, to whichever campaign."""
        return self.filter(body__council=council, campaign__year=year)


class Pledge(RecordModel):
    """A pledge a body signs to its campaign's year, e.g. a committee on 13/03/2024."""

    constraint_fields = {"pledge_one_per_body_campaign": "body"}

    campaign = models.ForeignKey(
        Campaign, on_delete=models.PROTECT, related_name="pledges", verbose_name=_("campaign")
    )
    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="pledges", verbose_name=_("signed by")
    )
    signed_on = models.DateField(_("signed on"))
    signatory = models.CharField(_("signatory"), max_length=200, blank=True)
    search_text = search_document("signatory")

    objects = PledgeQuerySet.as_manager()

    class Meta:
        verbose_name = _("pledge")
        verbose_name_plural = _("pledges")
        ordering = ["campaign", "body__council__name", "body__kind", "body__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "body"],
                name="pledge_one_per_body_campaign",
                violation_error_message=_("This body has already signed a pledge for this year."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.body} – {self.campaign.year}"

    def clean(self) -> None:
        errors = {}
        if (
            self.campaign_id
            and self.body_id
            and not self.body.council.is_within(self.campaign.council)
        ):
            errors["body"] = _(
                "The body must belong to the campaign's council or to a council under it."
            )
        # Pledges are signed at the previous year's closing conference or during the year.
        if self.campaign_id and self.signed_on:
            allowed_years = (self.campaign.year - 1, self.campaign.year)
            if self.signed_on.year not in allowed_years:
                errors["signed_on"] = _(
                    "A pledge is signed in the campaign's year or the year before."
                )
        if errors:
            raise ValidationError(errors)


class Commitment(RecordModel):
    """One commitment of a pledge; with a metric and target it is measured by the records."""

    constraint_fields = {"commitment_metric_and_target_together": "target"}

    # CASCADE: commitments are the pledge's own text, entered inline.
    pledge = models.ForeignKey(
        Pledge, on_delete=models.CASCADE, related_name="commitments", verbose_name=_("pledge")
    )
    text = models.TextField(_("commitment"))
    metric = models.CharField(
        _("measured by"), max_length=30, choices=CommitmentMetric.choices, blank=True
    )
    target = models.PositiveIntegerField(_("target"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ["pledge", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(metric="") & Q(target__isnull=True))
                | (~Q(metric="") & Q(target__isnull=False)),
                name="commitment_metric_and_target_together",
                violation_error_message=_(
                    "A measured commitment needs both a metric and a target."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]
