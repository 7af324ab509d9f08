from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilworkConfig(AppConfig):
    """The council's organisation: councils, terms, bodies, people, deputies, users."""

    name = "councilwork"
    verbose_name = _("Council organisation")
