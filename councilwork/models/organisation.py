"""The council's organisation: councils, their terms and their bodies.

Councils, bodies and terms carry dates and may end (a council dissolved with a
successor, as in the 2025 reorganisation), so records of a council that no longer
exists stay readable. Nothing here assumes that a district level exists.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from ..collation import COLLATION
from ..search import search_document
from .base import RecordModel


class CouncilLevel(models.TextChoices):
    PROVINCE = "province", _("Province / centrally-run city")
    DISTRICT = "district", _("District")
    COMMUNE = "commune", _("Ward / commune")


# Smaller is higher: a parent must sit at a higher level than its child.
LEVEL_RANK = {CouncilLevel.PROVINCE: 0, CouncilLevel.DISTRICT: 1, CouncilLevel.COMMUNE: 2}


def below_q(council, prefix: str = "") -> Q:
    """The condition "the council at ``prefix`` is under ``council``", at any depth.

    One home for "the councils below": a council's children and grandchildren (there
    are three levels at most: province, district, commune), e.g.
    ``Session.objects.filter(below_q(c, "council__"))``.
    """
    return Q(**{f"{prefix}parent": council}) | Q(**{f"{prefix}parent__parent": council})


class CouncilQuerySet(models.QuerySet):
    def roots(self):
        return self.filter(parent__isnull=True)

    def existed_in(self, year: int):
        """Councils that existed at some time in ``year`` (a dissolved one up to its end)."""
        return self.filter(
            Q(established_on__isnull=True) | Q(established_on__year__lte=year),
            Q(dissolved_on__isnull=True) | Q(dissolved_on__year__gte=year),
        )

    def below(self, council):
        """Every council under ``council``, at any depth (the tree has at most three levels)."""
        return self.filter(below_q(council))


class Council(RecordModel):
    """A People's Council (HĐND) at one level of local government."""

    constraint_fields = {
        "council_dissolved_after_established": "dissolved_on",
        "council_successor_only_when_dissolved": "successor",
    }

    name = models.CharField(
        _("name"),
        max_length=200,
        db_collation=COLLATION,
        help_text=_("E.g. HĐND quận Dương Kinh"),
    )
    short_name = models.CharField(
        _("short name"),
        max_length=100,
        db_collation=COLLATION,
        help_text=_("Used in tables, e.g. Dương Kinh"),
    )
    search_text = search_document("name", "short_name")
    slug = models.SlugField(_("code"), max_length=100, unique=True)
    level = models.CharField(_("level"), max_length=20, choices=CouncilLevel.choices)
    # PROTECT: removing a parent would orphan the children's history.
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent council"),
    )
    established_on = models.DateField(_("established on"), null=True, blank=True)
    dissolved_on = models.DateField(_("dissolved on"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="predecessors",
        verbose_name=_("successor council"),
    )

    objects = CouncilQuerySet.as_manager()

    class Meta:
        verbose_name = _("council")
        verbose_name_plural = _("councils")
        ordering = ["level", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(dissolved_on__isnull=True)
                | Q(established_on__isnull=True)
                | Q(dissolved_on__gte=F("established_on")),
                name="council_dissolved_after_established",
                violation_error_message=_("The dissolution date must not precede establishment."),
            ),
            models.CheckConstraint(
                condition=Q(successor__isnull=True) | Q(dissolved_on__isnull=False),
                name="council_successor_only_when_dissolved",
                violation_error_message=_("Only a dissolved council can have a successor."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def is_within(self, ancestor: "Council") -> bool:
        """Whether this council is ``ancestor`` or under it (a query per level walked up)."""
        node = self
        for _depth in range(len(LEVEL_RANK) + 1):
            if node is None:
                return False
            if node.pk == ancestor.pk:
                return True
            node = node.parent
        return False

    def clean(self) -> None:
        errors = {}
        if self.parent_id and self.parent_id == self.pk:
            errors["parent"] = _("A council cannot be its own parent.")
        elif (
            self.parent_id
            and self.level in LEVEL_RANK  # an invalid level is reported beside the level
            and LEVEL_RANK[self.parent.level] >= LEVEL_RANK[self.level]
        ):
            errors["parent"] = _("The parent council must be at a higher level.")
        if self.successor_id and self.successor_id == self.pk:
            errors["successor"] = _("A council cannot succeed itself.")
        if errors:
            raise ValidationError(errors)


class Term(RecordModel):
    """A council's electoral term (nhiệm kỳ), e.g. 2021–2026."""

    constraint_fields = {
        "term_ends_after_start": "end_date",
        "term_unique_start_per_council": "start_date",
    }

    council = models.ForeignKey(
        Council, on_delete=models.PROTECT, related_name="terms", verbose_name=_("council")
    )
    name = models.CharField(_("name"), max_length=50, help_text=_("E.g. 2021–2026"))
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))

    class Meta:
        verbose_name = _("term")
        verbose_name_plural = _("terms")
        ordering = ["council__name", "-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gt=F("start_date")),
                name="term_ends_after_start",
                violation_error_message=_("A term must end after it starts."),
            ),
            models.UniqueConstraint(
                fields=["council", "start_date"],
                name="term_unique_start_per_council",
                violation_error_message=_("This council already has a term starting that day."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.council.short_name} {self.name}" if self.council_id else self.name

    def covers(self, day) -> bool:
        return self.start_date <= day <= self.end_date

    def clean(self) -> None:
        if not (self.council_id and self.start_date and self.end_date):
            return
        overlapping = Term.objects.filter(
            council_id=self.council_id,
            start_date__lte=self.end_date,
            end_date__gte=self.start_date,
        ).exclude(pk=self.pk)
        if overlapping.exists():
            raise ValidationError(
                {"start_date": _("This term overlaps another term of the same council.")}
            )


class BodyKind(models.TextChoices):
    STANDING_COMMITTEE = "standing_committee", _("Standing committee")
    COMMITTEE = "committee", _("Committee")
    DEPUTY_GROUP = "deputy_group", _("Deputy group")


class Body(RecordModel):
    """A body of a council: its standing committee, a committee (Ban) or a deputy group (Tổ)."""

    constraint_fields = {
        "body_unique_name_per_council": "name",
        "body_one_active_standing_committee": "kind",
        "body_dissolved_after_established": "dissolved_on",
    }

    council = models.ForeignKey(
        Council, on_delete=models.PROTECT, related_name="bodies", verbose_name=_("council")
    )
    kind = models.CharField(_("kind"), max_length=30, choices=BodyKind.choices)
    name = models.CharField(_("name"), max_length=200, db_collation=COLLATION)
    established_on = models.DateField(_("established on"), null=True, blank=True)
    dissolved_on = models.DateField(_("dissolved on"), null=True, blank=True)
    search_text = search_document("name")

    class Meta:
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        ordering = ["council__name", "kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "name"],
                name="body_unique_name_per_council",
                violation_error_message=_("This council already has a body with this name."),
            ),
            models.UniqueConstraint(
                fields=["council"],
                condition=Q(kind="standing_committee", dissolved_on__isnull=True),
                name="body_one_active_standing_committee",
                violation_error_message=_("This council already has a standing committee."),
            ),
            models.CheckConstraint(
                condition=Q(dissolved_on__isnull=True)
                | Q(established_on__isnull=True)
                | Q(dissolved_on__gte=F("established_on")),
                name="body_dissolved_after_established",
                violation_error_message=_("The dissolution date must not precede establishment."),
            ),
        ]

    def __str__(self) -> str:
        return self.name
