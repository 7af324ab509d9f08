"""Who a certificate or a nomination goes to: exactly one recipient, of four kinds.

A body of a council (its standing committee, a committee, a deputy group), a council,
a person, or an organisation that is none of these, named as the decision names it
("Văn phòng HĐND và UBND quận Dương Kinh", a department of the People's Committee).
All but a person are collectives (tập thể). An organisation belongs to no council's
records: its certificate counts for the council whose campaign the decision closes,
and for no council's awards received.
"""

from functools import reduce
from operator import and_, or_

from django.db import models
from django.db.models import F, Func, Q
from django.db.models.functions import Lower
from django.db.models.query_utils import DeferredAttribute
from django.utils.translation import gettext_lazy as _

from councilwork.models import Body, Council, Person, RecordModel

ORGANISATION = "recipient_organisation"
# The recipient fields, in the order a form shows them; the first three are keys.
FIELDS = ("recipient_body", "recipient_council", "recipient_person", ORGANISATION)
RELATED = FIELDS[:3]  # what select_related needs for the recipient's name

# The organisation's name as the unique constraints compare it, lowered on every letter
# ("ĐOÀN" is "đoàn") whatever the database's locale. SQLite's lower() knows only ASCII and
# PostgreSQL's lowers Vietnamese letters only in a UTF-8 locale, so both call this
# function: on SQLite Python's str.lower, registered on every new connection
# (awards.apps); on PostgreSQL an SQL function made by migration 0014.
SQLITE_LOWER = FOLD = "cw_lower"

ONE_MESSAGE = _(
    "Choose exactly one recipient: a body, a council, a person or the name of another organisation."
)


def organisation_name(value) -> str:
    """The organisation's name as printed: runs of spaces (tabs, non-breaking) one, no
    spaces at the ends. Every write path stores it so (see OrganisationNameField)."""
    return " ".join(str(value or "").split())


class CaseFolded(Lower):
    """``lower(expr)``, ``cw_lower`` on SQLite. Kept for migration 0013, which made the
    constraints with it; PostgreSQL's lower() follows the database's locale, so the
    constraints now use ``Folded``."""

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, function=SQLITE_LOWER, **extra_context)


class Folded(Func):
    """``cw_lower(expr)`` on every backend: every letter lowered, in any locale."""

    function = FOLD
    arity = 1


def _sqlite_lower(value):
    return None if value is None else str(value).lower()


def register_sqlite_lower(sender, connection, **kwargs) -> None:
    """Teach each new SQLite connection ``cw_lower`` (a connection_created receiver)."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(SQLITE_LOWER, 1, _sqlite_lower, deterministic=True)


class _NormalisedName(DeferredAttribute):
    """The attribute normalises what is assigned: forms, imports, bulk inserts and
    ``Model(**values)`` all hold the printed name before anything compares or saves it."""

    def __set__(self, instance, value):
        instance.__dict__[self.field.attname] = organisation_name(value)


class OrganisationNameField(models.CharField):
    """An organisation's name, stored normalised (``organisation_name``) on every path:
    assigned (the attribute), validated (``to_python``), and written or compared in
    SQL (``get_prep_value``: ``update()``, lookups)."""

    descriptor_class = _NormalisedName

    def to_python(self, value):
        return organisation_name(super().to_python(value))

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return value if value is None else organisation_name(value)


def recipient_key(lookup: dict) -> dict:
    """An import's key lookup with the organisation's name as stored (normalised): a file
    whose cell has a double space finds the award again; other lookups are left alone."""
    if ORGANISATION not in lookup:
        return lookup
    return lookup | {ORGANISATION: organisation_name(lookup[ORGANISATION])}


def given(field: str, prefix: str = "") -> Q:
    """``field`` names a recipient (an organisation's name is not empty)."""
    if field == ORGANISATION:
        return ~Q(**{f"{prefix}{field}": ""})
    return Q(**{f"{prefix}{field}__isnull": False})


def _absent(field: str) -> Q:
    if field == ORGANISATION:
        return Q(**{field: ""})
    return Q(**{f"{field}__isnull": True})


def exactly_one() -> Q:
    """The check constraint: one recipient field given, the others empty."""
    return reduce(
        or_,
        (
            reduce(and_, (given(f) if f == chosen else _absent(f) for f in FIELDS))
            for chosen in FIELDS
        ),
    )


def _key(field: str) -> str:
    return field.removeprefix("recipient_")


class Recipient(RecordModel):
    """The recipient fields of an award or a nominee; exactly one is given.

    The reverse accessors are the concrete model's ``Meta.default_related_name``
    (``body.awards``, ``body.award_nominations``).
    """

    recipient_body = models.ForeignKey(
        Body,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("recipient body"),
    )
    recipient_council = models.ForeignKey(
        Council,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("recipient council"),
    )
    recipient_person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("recipient person"),
    )
    recipient_organisation = OrganisationNameField(
        _("recipient organisation"),
        max_length=300,
        blank=True,
        default="",
        help_text=_(
            "Another collective, by the name the decision gives it (not a council or one of "
            "its bodies), e.g. Văn phòng HĐND và UBND quận Dương Kinh"
        ),
    )

    class Meta:
        abstract = True

    @classmethod
    def recipient_constraints(cls, *, one: str, unique: str, parent: str, message) -> list:
        """The check that one recipient is given, and one per ``parent`` for each kind.

        ``unique`` is a name with ``{field}`` (recipient_body) or ``{what}`` (body).
        """
        named = unique.format(field=ORGANISATION, what=_key(ORGANISATION))
        return [
            models.CheckConstraint(
                condition=exactly_one(), name=one, violation_error_message=ONE_MESSAGE
            ),
            *(
                models.UniqueConstraint(
                    fields=[parent, field],
                    condition=given(field),
                    name=unique.format(field=field, what=_key(field)),
                    violation_error_message=message,
                )
                for field in RELATED
            ),
            # An organisation once per parent whatever the case: "Văn Phòng" is "Văn phòng".
            models.UniqueConstraint(
                F(parent),
                Folded(ORGANISATION),
                condition=given(ORGANISATION),
                name=named,
                violation_error_message=message,
            ),
        ]

    @classmethod
    def recipient_constraint_fields(cls, unique: str) -> dict[str, str]:
        """Each per-parent unique constraint's message shown beside its recipient field."""
        return {unique.format(field=f, what=_key(f)): f for f in FIELDS}

    @property
    def recipient(self):
        """The body, council or person, or the organisation's name (select_related RELATED)."""
        return (
            self.recipient_body
            or self.recipient_council
            or self.recipient_person
            or self.recipient_organisation
        )

    @property
    def is_collective(self) -> bool:
        return self.recipient_person_id is None

    def recipient_values(self) -> dict:
        """The four recipient columns, to give another record the same recipient."""
        ids = {f"{field}_id": getattr(self, f"{field}_id") for field in RELATED}
        return ids | {ORGANISATION: self.recipient_organisation}

    def recipient_lookup(self, prefix: str = "") -> Q:
        """Records with this recipient (the organisation by its exact name); none if unset."""
        for field in RELATED:
            value = getattr(self, f"{field}_id")
            if value is not None:
                return Q(**{f"{prefix}{field}_id": value})
        if self.recipient_organisation:
            return Q(**{f"{prefix}{ORGANISATION}": self.recipient_organisation})
        return Q(pk__in=[])

    def clean(self) -> None:
        # A name of spaces names nobody; inner runs of spaces are one, as printed.
        self.recipient_organisation = organisation_name(self.recipient_organisation)
