from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    """Award decisions and the certificates they grant."""

    name = "awards"
    verbose_name = _("Awards")

    def ready(self):
        from django.db.backends.signals import connection_created

        from councilwork.registry import register

        from .models import (
            Award,
            AwardDecision,
            AwardDossier,
            AwardNominee,
            AwardPolicy,
            CertificateForm,
            EligibilityRule,
            LegalDocument,
        )
        from .recipients import register_sqlite_lower

        # The organisation's unique constraints lower names with cw_lower(): on SQLite it is
        # Python's str.lower, taught to each connection (on PostgreSQL: migration 0014).
        connection_created.connect(register_sqlite_lower, dispatch_uid="cw-lower")

        # An award counts for the deciding council and for its recipient's council.
        recipient = (
            "recipient_council",
            "recipient_body__council",
            "recipient_person__mandates__term__council",
        )
        # The rules and the dossiers feed no figure until a decision makes awards.
        register(AwardPolicy)
        register(EligibilityRule)
        register(AwardDossier)
        register(LegalDocument)
        register(CertificateForm)
        register(AwardDecision, councils=("council", *(f"awards__{r}" for r in recipient)))
        register(Award, councils=("decision__council", *recipient))
        register(AwardNominee)
