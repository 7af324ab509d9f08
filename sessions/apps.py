from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilSessionsConfig(AppConfig):
    """Council sessions and the resolutions adopted at them."""

    name = "sessions"
    # The default label "sessions" clashes with django.contrib.sessions.
    label = "council_sessions"
    verbose_name = _("Sessions and resolutions")

    def ready(self):
        from councilwork.cache import invalidate_on_change

        from .models import Resolution, Session

        invalidate_on_change(Session, lambda session: session.council_id)
        invalidate_on_change(Resolution, lambda resolution: resolution.council_id)
