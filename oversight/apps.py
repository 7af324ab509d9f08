from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OversightConfig(AppConfig):
    """Oversight and survey activities, interpellations and their recommendations."""

    name = "oversight"
    verbose_name = _("Oversight")

    def ready(self):
        from councilwork.cache import invalidate_on_change

        from .models import OversightActivity, Recommendation

        invalidate_on_change(OversightActivity, lambda activity: activity.council_id)
        invalidate_on_change(Recommendation, lambda rec: rec.activity.council_id)
