"""Certificate forms (phôi Giấy khen): the page and where each printed field goes, in mm.

Positions are measured as a person measures a pre-printed form with a ruler: from the
left edge and from the top edge of the sheet. A field's x is the left edge of its box,
its y the baseline of its first line; the text is aligned within the box's width and
wraps inside it. The printer's offset (calibrated from the grid page) shifts everything.
"""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from councilwork.models import RecordModel

from .models import AwardKind


class Align(models.TextChoices):
    LEFT = "left", _("left")
    CENTER = "center", _("centre")
    RIGHT = "right", _("right")


# (prefix, label): the variable fields of a certificate, in the order they are printed.
FIELDS = (
    ("recipient", _("recipient")),
    ("unit", _("unit")),
    ("achievement", _("achievement")),
    ("decision", _("decision number and date")),
    ("place_date", _("place and date")),
    ("signer", _("signer")),
)


def _box(label, x, y, width, size, align=Align.CENTER):
    """The five columns of one field: x, y, width (mm), type size (pt), alignment."""
    mm = {"max_digits": 6, "decimal_places": 1}
    return (
        models.DecimalField(format_lazy("{}: {}", label, _("x (mm)")), default=x, **mm),
        models.DecimalField(format_lazy("{}: {}", label, _("y (mm)")), default=y, **mm),
        models.DecimalField(format_lazy("{}: {}", label, _("width (mm)")), default=width, **mm),
        models.DecimalField(
            format_lazy("{}: {}", label, _("type size (pt)")),
            default=size,
            max_digits=4,
            decimal_places=1,
        ),
        models.CharField(
            format_lazy("{}: {}", label, _("alignment")),
            max_length=10,
            choices=Align.choices,
            default=align,
        ),
    )


def _positive(prefix: str) -> list[models.CheckConstraint]:
    return [
        models.CheckConstraint(
            condition=Q(**{f"{prefix}_width__gt": 0}),
            name=f"certificate_form_{prefix}_width_positive",
            violation_error_message=_("The width is more than 0 mm."),
        ),
        models.CheckConstraint(
            condition=Q(**{f"{prefix}_size__gte": 4}) & Q(**{f"{prefix}_size__lte": 72}),
            name=f"certificate_form_{prefix}_size_range",
            violation_error_message=_("The type size is from 4 to 72 pt."),
        ),
    ]


class CertificateForm(RecordModel):
    """A printed certificate's layout: page size, field boxes and the printer's offset."""

    constraint_fields = {
        "certificate_form_page_positive": "page_width",
        "certificate_form_min_size_range": "min_size",
        "certificate_form_offset_range": "offset_x",
        **{f"certificate_form_{p}_width_positive": f"{p}_width" for p, _label in FIELDS},
        **{f"certificate_form_{p}_size_range": f"{p}_size" for p, _label in FIELDS},
    }

    name = models.CharField(_("name"), max_length=200, help_text=_("E.g. Giấy khen UBND quận"))
    kind = models.CharField(
        _("award kind"),
        max_length=20,
        choices=AwardKind.choices,
        blank=True,
        help_text=_("The decisions of this kind print on this form; empty: any kind"),
    )
    issuing_authority = models.CharField(
        _("issuing authority"),
        max_length=200,
        blank=True,
        help_text=_("Only this authority's decisions; empty: any authority"),
    )
    page_width = models.DecimalField(
        _("page width (mm)"), max_digits=6, decimal_places=1, default=297
    )
    page_height = models.DecimalField(
        _("page height (mm)"), max_digits=6, decimal_places=1, default=210
    )
    offset_x = models.DecimalField(
        _("printer offset x (mm)"),
        max_digits=5,
        decimal_places=1,
        default=0,
        help_text=_("Measured on the calibration page: positive moves the print right"),
    )
    offset_y = models.DecimalField(
        _("printer offset y (mm)"),
        max_digits=5,
        decimal_places=1,
        default=0,
        help_text=_("Positive moves the print down"),
    )
    min_size = models.DecimalField(
        _("smallest type size (pt)"),
        max_digits=4,
        decimal_places=1,
        default=10,
        help_text=_("A long text is set smaller, down to this size, before a third line"),
    )
    place = models.CharField(
        _("place"), max_length=100, blank=True, help_text=_("E.g. Dương Kinh, before the date")
    )
    signer_title = models.CharField(_("signer's title"), max_length=200, default="CHỦ TỊCH")
    signer_name = models.CharField(_("signer's name"), max_length=200, blank=True)

    recipient_x, recipient_y, recipient_width, recipient_size, recipient_align = _box(
        _("recipient"), 38.5, 92, 220, 22
    )
    unit_x, unit_y, unit_width, unit_size, unit_align = _box(_("unit"), 38.5, 106, 220, 15)
    achievement_x, achievement_y, achievement_width, achievement_size, achievement_align = _box(
        _("achievement"), 38.5, 120, 220, 15
    )
    decision_x, decision_y, decision_width, decision_size, decision_align = _box(
        _("decision number and date"), 25, 175, 110, 11, Align.LEFT
    )
    place_date_x, place_date_y, place_date_width, place_date_size, place_date_align = _box(
        _("place and date"), 165, 150, 110, 13
    )
    signer_x, signer_y, signer_width, signer_size, signer_align = _box(
        _("signer"), 165, 160, 110, 14
    )

    class Meta:
        verbose_name = _("certificate form")
        verbose_name_plural = _("certificate forms")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(page_width__gt=0) & Q(page_height__gt=0),
                name="certificate_form_page_positive",
                violation_error_message=_("The page's width and height are more than 0 mm."),
            ),
            models.CheckConstraint(
                condition=Q(min_size__gte=4) & Q(min_size__lte=72),
                name="certificate_form_min_size_range",
                violation_error_message=_("The type size is from 4 to 72 pt."),
            ),
            models.CheckConstraint(
                condition=Q(offset_x__gte=-50)
                & Q(offset_x__lte=50)
                & Q(offset_y__gte=-50)
                & Q(offset_y__lte=50),
                name="certificate_form_offset_range",
                violation_error_message=_("A printer offset is at most 50 mm either way."),
            ),
            *(c for prefix, _label in FIELDS for c in _positive(prefix)),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors = {}
        page_width, page_height = _mm(self.page_width), _mm(self.page_height)
        for prefix, _label in FIELDS:
            # A value that failed its own field's check may still be the (float) default.
            x, width = _mm(getattr(self, f"{prefix}_x")), _mm(getattr(self, f"{prefix}_width"))
            y = _mm(getattr(self, f"{prefix}_y"))
            if None in (x, width, y, page_width, page_height):
                continue
            if x < 0 or x + width > page_width:
                errors[f"{prefix}_width"] = _("The box goes past the page's edge.")
            if y < 0 or y > page_height:
                errors[f"{prefix}_y"] = _("The position is off the page.")
        if errors:
            raise ValidationError(errors)

    @classmethod
    def for_decision(cls, decision) -> "CertificateForm":
        """The form for ``decision``: its authority's and kind's, the kind's, any, or A4."""
        forms = list(
            cls.objects.filter(
                Q(kind=decision.kind) | Q(kind=""),
                Q(issuing_authority=decision.issuing_authority) | Q(issuing_authority=""),
            )
        )
        forms.sort(key=lambda f: (not f.issuing_authority, not f.kind, f.name, f.pk))
        return forms[0] if forms else cls(name="A4")


def _mm(value) -> Decimal | None:
    """A length as a Decimal, or None when it is missing or not a number."""
    try:
        return None if value is None else Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
