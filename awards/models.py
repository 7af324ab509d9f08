"""Award decisions (quyết định khen thưởng) and the certificates they grant."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _

from councilwork.models import Council, RecordModel
from councilwork.search import search_document

from .recipients import Recipient


class AwardKind(models.TextChoices):
    CERTIFICATE_OF_MERIT = "giay_khen", _("Certificate of merit (Giấy khen)")
    HIGHER_CERTIFICATE = "bang_khen", _("Higher-level certificate of merit (Bằng khen)")
    EMULATION_FLAG = "co_thi_dua", _("Emulation flag (Cờ thi đua)")
    EMULATION_TITLE = "danh_hieu", _("Emulation title")


class AwardDecision(RecordModel):
    """A numbered decision granting awards for one year's achievements, e.g. 123/QĐ-UBND."""

    constraint_fields = {
        "award_decision_unique_number_per_authority_year": "number",
        "award_decision_year_plausible": "year",
    }

    council = models.ForeignKey(
        Council,
        on_delete=models.PROTECT,
        related_name="award_decisions",
        verbose_name=_("council"),
        help_text=_("The council whose emulation campaign the awards close"),
    )
    year = models.PositiveSmallIntegerField(
        _("achievement year"), help_text=_("The year whose achievements are rewarded")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=AwardKind.choices)
    number = models.CharField(_("decision number"), max_length=50, help_text=_("E.g. 123/QĐ-UBND"))
    decision_date = models.DateField(_("decision date"))
    issuing_authority = models.CharField(
        _("issuing authority"), max_length=200, help_text=_("E.g. UBND quận Dương Kinh")
    )
    title = models.CharField(_("summary (trích yếu)"), max_length=500, blank=True)
    search_text = search_document("number", "title")
    dossier = models.ForeignKey(
        "awards.AwardDossier",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("dossier"),
        help_text=_("The dossier whose nominees the decision awards"),
    )
    amends = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="amendments",
        verbose_name=_("amends"),
        help_text=_("The issued decision this one corrects (an issued decision is never edited)"),
    )
    issued_at = models.DateTimeField(
        _("issued (date and time)"),
        null=True,
        blank=True,
        help_text=_("Set when the decision is issued from its dossier; it is read-only after"),
    )

    class Meta:
        verbose_name = _("award decision")
        verbose_name_plural = _("award decisions")
        ordering = ["-decision_date", "number"]
        constraints = [
            models.UniqueConstraint(
                F("issuing_authority"),
                F("number"),
                ExtractYear("decision_date"),
                name="award_decision_unique_number_per_authority_year",
                violation_error_message=_(
                    "This authority already issued a decision with this number that year."
                ),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=1945) & Q(year__lte=2200),
                name="award_decision_year_plausible",
                violation_error_message=_("The achievement year is not plausible."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} ({self.decision_date.strftime('%d/%m/%Y')})"

    def clean(self) -> None:
        if self.year and self.decision_date and self.decision_date.year < self.year:
            raise ValidationError(
                {"decision_date": _("A decision cannot reward a year that has not begun.")}
            )


class AwardQuerySet(models.QuerySet):
    def decided_by(self, council, year: int):
        """The awards of ``council``'s year: decided for its campaign, for ``year``."""
        return self.filter(decision__council=council, decision__year=year)

    def received_by(self, council, year: int):
        """Awards for ``year`` to ``council``, its bodies or its deputies, whoever decided.

        A person counts for the council in whose term, overlapping ``year``, they held a
        seat. The rows are distinct. A named organisation is no council's: its
        certificates count only where they were decided (``decided_by``).
        """
        seats = Q(
            recipient_person__mandates__term__council=council,
            recipient_person__mandates__term__start_date__year__lte=year,
            recipient_person__mandates__term__end_date__year__gte=year,
        )
        mine = Q(recipient_council=council) | Q(recipient_body__council=council) | seats
        return self.filter(mine, decision__year=year).distinct()


class Award(Recipient):
    """One certificate granted by a decision to exactly one recipient (see recipients.py).

    A body, a council or a named organisation is a collective (tập thể); a person is an
    individual (cá nhân).
    """

    constraint_fields = Recipient.recipient_constraint_fields("award_unique_{field}_per_decision")

    decision = models.ForeignKey(
        AwardDecision,
        on_delete=models.PROTECT,
        related_name="awards",
        verbose_name=_("decision"),
    )
    achievement = models.CharField(_("achievement"), max_length=500, blank=True)
    # An organisation is only its name: the search box finds its awards by it.
    search_text = search_document("achievement", "recipient_organisation")

    objects = AwardQuerySet.as_manager()

    class Meta:
        verbose_name = _("award")
        verbose_name_plural = _("awards")
        ordering = ["decision", "pk"]
        default_related_name = "awards"  # body.awards, council.awards, person.awards
        constraints = Recipient.recipient_constraints(
            one="award_exactly_one_recipient",
            unique="award_unique_{field}_per_decision",
            parent="decision",
            message=_("This recipient is already named in this decision."),
        )

    def __str__(self) -> str:
        return f"{self.recipient} – {self.decision.number}"


# The dossiers' models point at the decisions' kinds; Django finds them through here.
from .certificate_forms import CertificateForm  # noqa: E402
from .dossiers import (  # noqa: E402
    AwardDossier,
    AwardNominee,
    AwardPolicy,
    EligibilityRule,
)
from .legal import LegalDocument  # noqa: E402

__all__ = [
    "Award",
    "AwardDecision",
    "AwardDossier",
    "AwardKind",
    "AwardNominee",
    "AwardPolicy",
    "CertificateForm",
    "EligibilityRule",
    "LegalDocument",
]
