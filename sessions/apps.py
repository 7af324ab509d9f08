from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class CouncilSessionsConfig(AppConfig):
    """Council sessions and the resolutions adopted at them."""

    name = "sessions"
    # The default label "sessions" clashes with django.contrib.sessions.
    label = "council_sessions"
    verbose_name = _("Sessions and resolutions")

    def ready(self):
        from councilwork.registry import register

        from .models import Attendance, Resolution, RollCallVote, Session, SessionDocument, Vote

        register(Session, councils=("council",))
        register(Resolution, councils=("session__council",))
        # A document's send time and signature feed the council's digital figures.
        register(SessionDocument, councils=("session__council",))
        # Attendance and votes feed the council's figures of the year (sessions.selectors).
        register(Attendance, councils=("session__council",))
        register(Vote, councils=("session__council",))
        register(RollCallVote)  # the figures read the vote's numbers, not the roll call
        post_save.connect(
            keep_resolutions_with_session, sender=Session, dispatch_uid="resolution-council"
        )


def keep_resolutions_with_session(sender, instance, raw=False, **kwargs):
    """A resolution's council is its session's: a session moved to another council takes
    its resolutions along, in the same transaction, whichever path saved it (the admin
    form, whose inline saves only changed rows, import_year, a service).

    The copy exists only so the database can keep numbers unique per council and year;
    every count goes through the session. Bookkeeping, not a business rule.
    """
    from .models import Resolution

    moved = Resolution.objects.filter(session=instance).exclude(council_id=instance.council_id)
    for resolution in moved:  # saved one by one: each keeps its audit history
        resolution.council_id = instance.council_id
        resolution.save(update_fields=["council"])
