from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DevdataConfig(AppConfig):
    """Demo and bulk data for trying, testing and benchmarking the app."""

    name = "devdata"
    verbose_name = _("Demo and bulk data")
