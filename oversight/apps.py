from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OversightConfig(AppConfig):
    """Oversight and survey activities, interpellations and their recommendations."""

    name = "oversight"
    verbose_name = _("Oversight")

    def ready(self):
        from councilwork.registry import register

        from .models import OversightActivity, Recommendation

        register(OversightActivity, councils=("council",))
        register(Recommendation, councils=("activity__council",))
