from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    """A year's records in and out: export_year, import_year and the exchange format."""

    name = "exchange"
    verbose_name = _("Year exchange")
