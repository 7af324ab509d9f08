from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    """Emulation campaigns: criteria, scorecards, classification and pledges."""

    name = "campaigns"
    verbose_name = _("Emulation campaigns")

    def ready(self):
        from django.db.models import Q

        from councilwork.registry import register

        from . import models as m

        # A scorecard shows in the figures (ranking, the subject's own results) only
        # once approved: drafts, submissions, evidence and workflow events feed none.
        subjects = (
            "subject_council",
            "subject_body__council",
            "subject_deputy__term__council",
        )
        approved = Q(status=m.ScorecardStatus.APPROVED)
        register(m.Campaign, councils=("council",))
        register(m.Criterion, councils=("campaign__council",))
        register(m.ClassificationThreshold, councils=("campaign__council",))
        register(m.Scorecard, councils=("campaign__council", *subjects), feeds=approved)
        register(
            m.Score,
            councils=("scorecard__campaign__council", *(f"scorecard__{s}" for s in subjects)),
            feeds=Q(scorecard__status=m.ScorecardStatus.APPROVED),
        )
        register(m.ScorecardEvent)
        register(m.Evidence)
        register(m.Pledge, councils=("campaign__council", "body__council"))
        register(m.Commitment, councils=("pledge__campaign__council", "pledge__body__council"))
