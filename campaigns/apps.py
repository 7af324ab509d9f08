from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    """Emulation campaigns: criteria, scorecards, classification and pledges."""

    name = "campaigns"
    verbose_name = _("Emulation campaigns")
