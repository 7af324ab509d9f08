from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    """Emulation campaigns: criteria, scorecards, classification and pledges."""

    name = "campaigns"
    verbose_name = _("Emulation campaigns")

    def ready(self):
        from councilwork.cache import invalidate_on_change

        from . import models as m

        invalidate_on_change(m.Campaign, lambda campaign: campaign.council_id)
        for model in (m.Criterion, m.ClassificationThreshold, m.Scorecard, m.Pledge):
            invalidate_on_change(model, lambda row: row.campaign.council_id)
        for model in (m.Score, m.ScorecardEvent, m.Evidence):
            invalidate_on_change(model, lambda row: row.scorecard.campaign.council_id)
        invalidate_on_change(m.Commitment, lambda row: row.pledge.campaign.council_id)
