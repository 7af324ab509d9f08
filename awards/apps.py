from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    """Award decisions and the certificates they grant."""

    name = "awards"
    verbose_name = _("Awards")
