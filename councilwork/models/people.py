"""People, their deputy seats and their places in the council's bodies."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from ..collation import COLLATION
from ..search import search_document
from .base import RecordModel
from .organisation import Body, BodyKind, Term


class Gender(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")


class Person(RecordModel):
    """An individual: a deputy, or anyone else an award may name."""

    full_name = models.CharField(_("full name"), max_length=200, db_collation=COLLATION)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, blank=True)
    position = models.CharField(
        _("post"), max_length=300, blank=True, help_text=_("Current post, e.g. Phó Chủ tịch")
    )
    search_text = search_document("full_name", "position")

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["full_name"]

    def __str__(self) -> str:
        return self.full_name


def seated_q(day, prefix: str = "", *, term: bool = True) -> Q:
    """The condition "the seat at ``prefix`` is held on ``day``" (a date or an expression).

    One home for "a deputy of the council on that date": a seat counts from the term's
    start (or its own ``started_on``, for a deputy who joined mid-term) to the term's
    end (or its ``ended_on``). E.g. ``Deputy.objects.filter(seated_q(day), term=term)``,
    or ``seated_q(F("start_date"), "term__deputies__", term=False)`` from a session,
    whose own term is known to cover its dates.
    """
    started = Q(**{f"{prefix}started_on__isnull": True}) | Q(**{f"{prefix}started_on__lte": day})
    ended = Q(**{f"{prefix}ended_on__isnull": True}) | Q(**{f"{prefix}ended_on__gte": day})
    seat = started & ended
    if term:
        seat &= Q(**{f"{prefix}term__start_date__lte": day, f"{prefix}term__end_date__gte": day})
    return seat


class DeputyQuerySet(models.QuerySet):
    def seated_on(self, council, day):
        """The deputies of ``council`` whose seat is held on ``day`` (seated_q)."""
        return self.filter(seated_q(day), term__council=council)


class Deputy(RecordModel):
    """A person's seat in a council for one term (đại biểu HĐND).

    The council is the term's council; it is not stored twice.
    """

    constraint_fields = {
        "deputy_one_seat_per_term": "term",
        "deputy_ends_after_start": "ended_on",
    }

    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="mandates", verbose_name=_("person")
    )
    # PROTECT: a term with deputies is history, not something to delete.
    term = models.ForeignKey(
        Term, on_delete=models.PROTECT, related_name="deputies", verbose_name=_("term")
    )
    constituency = models.CharField(_("constituency"), max_length=200, blank=True)
    started_on = models.DateField(
        _("mandate started on"),
        null=True,
        blank=True,
        help_text=_("Only if it started after the term began (elected mid-term)"),
    )
    ended_on = models.DateField(
        _("mandate ended on"), null=True, blank=True, help_text=_("Only if it ended early")
    )

    objects = DeputyQuerySet.as_manager()

    class Meta:
        verbose_name = _("deputy")
        verbose_name_plural = _("deputies")
        ordering = ["person__full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "term"],
                name="deputy_one_seat_per_term",
                violation_error_message=_("This person already holds a seat in this term."),
            ),
            models.CheckConstraint(
                condition=Q(started_on__isnull=True)
                | Q(ended_on__isnull=True)
                | Q(ended_on__gte=F("started_on")),
                name="deputy_ends_after_start",
                violation_error_message=_("The end date must not precede the start date."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person.full_name} ({self.term})"

    @property
    def council(self):
        """The council of the seat (costs a query unless term__council is selected)."""
        return self.term.council

    def clean(self) -> None:
        if not self.term_id:
            return
        errors = {}
        for field in ("started_on", "ended_on"):
            day = getattr(self, field)
            if day and not self.term.covers(day):
                errors[field] = _("The date must fall inside the term.")
        if errors:
            raise ValidationError(errors)

    def holds_seat_on(self, day) -> bool:
        """Whether the seat is held on ``day`` (as seated_q; costs the term's query)."""
        return (
            self.term.covers(day)
            and (self.started_on is None or self.started_on <= day)
            and (self.ended_on is None or self.ended_on >= day)
        )


class MembershipRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    VICE_CHAIR = "vice_chair", _("Vice chair")
    HEAD = "head", _("Head")
    DEPUTY_HEAD = "deputy_head", _("Deputy head")
    GROUP_LEADER = "group_leader", _("Group leader")
    DEPUTY_GROUP_LEADER = "deputy_group_leader", _("Deputy group leader")
    MEMBER = "member", _("Member")


ROLES_BY_BODY_KIND = {
    BodyKind.STANDING_COMMITTEE: {
        MembershipRole.CHAIR,
        MembershipRole.VICE_CHAIR,
        MembershipRole.MEMBER,
    },
    BodyKind.COMMITTEE: {MembershipRole.HEAD, MembershipRole.DEPUTY_HEAD, MembershipRole.MEMBER},
    BodyKind.DEPUTY_GROUP: {
        MembershipRole.GROUP_LEADER,
        MembershipRole.DEPUTY_GROUP_LEADER,
        MembershipRole.MEMBER,
    },
}


class Membership(RecordModel):
    """A deputy's place in one of the council's bodies, with a role and dates."""

    constraint_fields = {
        "membership_ends_after_start": "end_date",
        "membership_unique_start": "start_date",
    }

    deputy = models.ForeignKey(
        Deputy, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("deputy")
    )
    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("body")
    )
    role = models.CharField(_("role"), max_length=30, choices=MembershipRole.choices)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["body__name", "role", "deputy__person__full_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="membership_ends_after_start",
                violation_error_message=_("The end date must not precede the start date."),
            ),
            models.UniqueConstraint(
                fields=["deputy", "body", "start_date"],
                name="membership_unique_start",
                violation_error_message=_("This deputy already joined this body that day."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.deputy.person.full_name} – {self.get_role_display()} – {self.body.name}"

    def clean(self) -> None:
        errors = {}
        deputy, body = self.related("deputy"), self.related("body")
        # In an admin inline the deputy or body is the form's new parent, whose own
        # fields may be wrong (reported there): rules on those fields wait until they are.
        term = deputy.related("term") if deputy else None
        if term and body:
            if body.council_id != term.council_id:
                # Beside both: either may be wrong, and an inline hides the one it belongs to.
                errors["body"] = errors["deputy"] = _(
                    "The body must belong to the deputy's council."
                )
            elif self.start_date and not term.covers(self.start_date):
                errors["start_date"] = _("The date must fall inside the term.")
        roles = ROLES_BY_BODY_KIND.get(body.kind) if body else None
        if roles and self.role and self.role not in roles:
            errors["role"] = _("This role does not exist in this kind of body.")
        if errors:
            raise ValidationError(errors)
