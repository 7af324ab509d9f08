"""The numbering register (Nghị định 30/2020/NĐ-CP, Articles 15–19): document numbers per
issuing body and year, from 01 on 1 January, assigned by the system, never skipped or
repeated; a number cancelled after issue stays in the register with its reason."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .organisation import Council


class RegisterKind(models.TextChoices):
    """Which of an issuing body's registers: each numbers its documents on its own."""

    RESOLUTION = "resolution", _("Council resolutions")
    STANDING_COMMITTEE = "standing_committee", _("Standing committee documents")
    AWARD_DECISION = "award_decision", _("Award decisions")


# The symbol written after the number (e.g. 38/NQ-HĐND); a caller may give another.
DEFAULT_SYMBOLS = {
    RegisterKind.RESOLUTION: "NQ-HĐND",
    RegisterKind.STANDING_COMMITTEE: "TTHĐND",
    RegisterKind.AWARD_DECISION: "QĐ-UBND",
}


class NumberCounter(models.Model):
    """The last number issued in one register of a council in one year.

    Locked (SELECT … FOR UPDATE) by whoever issues the next number, inside the issuing
    transaction: two users issuing at once get consecutive numbers, and a rolled-back
    issue gives its number back with everything else it wrote. Not a record: the
    register's history is the IssuedNumber rows.
    """

    # PROTECT: a register outlives nothing it numbers.
    council = models.ForeignKey(
        Council,
        on_delete=models.PROTECT,
        related_name="number_counters",
        verbose_name=_("issuing body"),
    )
    kind = models.CharField(_("register"), max_length=30, choices=RegisterKind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    last_number = models.PositiveIntegerField(_("last number issued"), default=0)

    class Meta:
        verbose_name = _("number counter")
        verbose_name_plural = _("number counters")
        constraints = [
            models.UniqueConstraint(
                fields=["council", "kind", "year"], name="number_counter_unique"
            ),
        ]

    def __str__(self) -> str:
        register = f"{self.council.short_name} {self.get_kind_display()} {self.year}"
        return f"{register}: {self.last_number}"


class IssuedNumber(models.Model):
    """One number issued from a register: to which document, by whom, when; cancelled or not."""

    council = models.ForeignKey(
        Council,
        on_delete=models.PROTECT,
        related_name="issued_numbers",
        verbose_name=_("issuing body"),
    )
    kind = models.CharField(_("register"), max_length=30, choices=RegisterKind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveIntegerField(_("number"))
    symbol = models.CharField(_("symbol"), max_length=30)
    subject = models.CharField(_("document"), max_length=500, blank=True)
    issued_at = models.DateTimeField(_("issued at"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="issued_numbers",
        verbose_name=_("issued by"),
    )
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cancelled_numbers",
        verbose_name=_("cancelled by"),
    )
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)

    class Meta:
        verbose_name = _("issued number")
        verbose_name_plural = _("issued numbers")
        ordering = ["council", "kind", "-year", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "kind", "year", "number"], name="issued_number_unique"
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="issued_number_positive"),
            models.CheckConstraint(
                condition=Q(cancelled_at__isnull=True) | ~Q(cancel_reason=""),
                name="issued_number_cancel_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def code(self) -> str:
        """The number as written on the document, e.g. 01/NQ-HĐND."""
        return f"{self.number:02d}/{self.symbol}"
