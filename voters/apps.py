from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VotersConfig(AppConfig):
    """Citizen reception and voters' petitions, followed to their answers."""

    name = "voters"
    verbose_name = _("Citizens and voters")

    def ready(self):
        from councilwork.registry import register

        from .models import ReceptionCase, ReceptionDay, VoterMeeting, VoterPetition

        register(ReceptionDay, councils=("council",))
        register(ReceptionCase, councils=("day__council",))
        register(VoterMeeting, councils=("council",))
        register(VoterPetition, councils=("meeting__council",))
