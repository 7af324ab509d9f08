from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """The year's figures and everything that shows them: the summary, its downloads."""

    name = "reports"
    verbose_name = _("Year-end reports")
