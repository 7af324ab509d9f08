"""The register of legal documents a decision cites (căn cứ).

A decision cites the documents in force on its date, so one dated after 1 July 2025
cannot cite Nghị định 98/2023/NĐ-CP, which Nghị định 152/2025/NĐ-CP replaced.
(Decision numbers come from the numbering register, councilwork.numbering.)
"""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from councilwork.models import RecordModel


class LegalDocumentQuerySet(models.QuerySet):
    def in_force_on(self, day):
        """The documents in force on ``day`` (from their first day to their last)."""
        return self.filter(Q(in_force_until__isnull=True) | Q(in_force_until__gte=day)).filter(
            in_force_from__lte=day
        )


class LegalDocument(RecordModel):
    """A law or decree that award decisions cite while it is in force."""

    constraint_fields = {
        "legal_document_unique_number": "number",
        "legal_document_dates_in_order": "in_force_until",
    }

    number = models.CharField(_("number"), max_length=50, help_text=_("E.g. 06/2022/QH15"))
    citation = models.CharField(
        _("citation"),
        max_length=300,
        help_text=_("As a decision cites it, e.g. Luật Thi đua, khen thưởng ngày 15/6/2022"),
    )
    in_force_from = models.DateField(_("in force from"))
    in_force_until = models.DateField(
        _("in force until"), null=True, blank=True, help_text=_("Empty while it is in force")
    )
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Laws before decrees: the order of the citations")
    )

    objects = LegalDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("legal document")
        verbose_name_plural = _("legal documents")
        ordering = ["order", "in_force_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["number"],
                name="legal_document_unique_number",
                violation_error_message=_("The register already holds this document."),
            ),
            models.CheckConstraint(
                condition=Q(in_force_until__isnull=True)
                | Q(in_force_until__gte=F("in_force_from")),
                name="legal_document_dates_in_order",
                violation_error_message=_("It cannot cease to be in force before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.citation} ({self.number})"
