from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """The site search over every app's records (the top layer, beside reports)."""

    name = "search"
    verbose_name = _("Search")
