from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    """Award decisions and the certificates they grant."""

    name = "awards"
    verbose_name = _("Awards")

    def ready(self):
        from councilwork.cache import invalidate_on_change

        from .models import Award, AwardDecision

        invalidate_on_change(AwardDecision, lambda decision: decision.council_id)
        invalidate_on_change(Award, lambda award: award.decision.council_id)
