from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilSessionsConfig(AppConfig):
    """Council sessions and the resolutions adopted at them."""

    name = "sessions"
    # The default label "sessions" clashes with django.contrib.sessions.
    label = "council_sessions"
    verbose_name = _("Sessions and resolutions")

    def ready(self):
        from councilwork.registry import register

        from .models import Resolution, Session

        register(Session, councils=("council",))
        register(Resolution, councils=("session__council",))
