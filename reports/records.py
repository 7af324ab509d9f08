"""The read-only lists behind the summary's figures (the drill-down).

Each list selects exactly what its figure counts: the same scopes (the council's own
records, a level of the councils below, the awards it received) and the same year
rules as ``reports.figures``. Lists are paginated and ordered by date and number, so
no name sorting depends on the database's collation; pledges, a few dozen per year,
are sorted by their Vietnamese names.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from awards.models import Award
from awards.recipients import RELATED
from campaigns.models import Pledge
from councilwork.collation import vi_key
from councilwork.models import BodyKind, Council, CouncilLevel
from oversight.models import ActivityKind, OversightActivity
from sessions.documents import FAILED_SIGNATURES
from sessions.models import Resolution, Session, SessionDocument, SessionKind, SignatureStatus

from .figure_table import LEVEL_TITLES

PAGE_SIZE = 50
SCOPES = ("own", "below", "received")


@dataclass(frozen=True)
class Choice:
    """What a list shows, parsed from its query string; unknown values fall back."""

    scope: str  # own | below | received
    level: str  # a CouncilLevel value, or "" for every level below
    kind: str  # a kind of the dataset, or ""
    for_year: int | None  # pledges: the campaign year they were signed for


def parse_choice(params) -> Choice:
    """The list's choice from ``params``; hostile or unknown values never raise."""
    scope = params.get("scope", "own")
    level = params.get("level", "")
    for_year = params.get("for", "")
    return Choice(
        scope=scope if scope in SCOPES else "own",
        level=level if level in CouncilLevel.values else "",
        kind=params.get("kind", "")[:40].replace("\x00", ""),
        # Four ASCII digits: str.isdigit() also takes "²" and 10 000 digits.
        for_year=int(for_year) if re.fullmatch(r"[0-9]{4}", for_year) else None,
    )


def _scoped(queryset: QuerySet, council: Council, year: int, choice: Choice, field="council"):
    """Rows of the council itself, or of the councils below that existed in ``year``."""
    if choice.scope != "below":
        return queryset.filter(**{field: council})
    below = Council.objects.below(council).existed_in(year)
    if choice.level:
        below = below.filter(level=choice.level)
    return queryset.filter(**{f"{field}__in": below})


def _kind(queryset, choice: Choice, kinds) -> QuerySet:
    if not choice.kind:
        return queryset
    return queryset.filter(kind=choice.kind) if choice.kind in kinds else queryset.none()


# The digital figures' lists (sessions.selectors.digital_counts counts the same rows).
PAPERLESS, SIGNED, SENT, FAILED = "paperless", "signed", "sent", "failed"


def _sessions(council, year, choice):
    qs = _scoped(Session.objects.in_year(year), council, year, choice)
    if choice.kind == PAPERLESS:
        qs = qs.paperless_by_records()
    else:
        qs = _kind(qs, choice, SessionKind.values)
    qs = qs.select_related("council")
    return qs.annotate(resolution_total=Count("resolutions")).order_by("start_date", "pk")


def _resolutions(council, year, choice):
    qs = _scoped(Resolution.objects.in_year(year), council, year, choice, "session__council")
    if choice.kind == SIGNED:
        valid = SessionDocument.objects.filter(
            resolution=OuterRef("pk"), signature_status=SignatureStatus.VALID
        )
        qs = qs.filter(Exists(valid))
    elif choice.kind:
        qs = qs.none()
    return qs.select_related("session__council").order_by("adopted_on", "number", "pk")


def _documents(council, year, choice):
    """The documents of the sessions that opened in ``year``: sent, or failed their check."""
    qs = SessionDocument.objects.filter(session__start_date__year=year)
    qs = _scoped(qs, council, year, choice, "session__council")
    if choice.kind == SENT:
        qs = qs.sent()
    elif choice.kind == FAILED:
        qs = qs.filter(signature_status__in=FAILED_SIGNATURES)
    elif choice.kind:
        qs = qs.none()
    return qs.select_related("session__council").order_by("session__start_date", "order", "pk")


def _oversight(council, year, choice):
    qs = _scoped(OversightActivity.objects.in_year(year), council, year, choice)
    qs = _kind(qs, choice, ActivityKind.values)
    return qs.select_related("council", "conducted_by").order_by("start_date", "pk")


def _awards(council, year, choice):
    if choice.scope == "received":
        qs = Award.objects.filter(pk__in=Award.objects.received_by(council, year).values("pk"))
    else:
        qs = Award.objects.decided_by(council, year)
    if choice.kind == "collective":
        qs = qs.filter(recipient_person__isnull=True)
    elif choice.kind in ("individual", "person"):
        qs = qs.filter(recipient_person__isnull=False)
    elif choice.kind:
        qs = qs.none()
    return qs.select_related("decision", *RELATED).order_by(
        "decision__decision_date", "decision__number", "pk"
    )


def _pledges(council, year, choice):
    campaign_year = choice.for_year or year + 1
    qs = Pledge.objects.for_campaign_year(council, campaign_year)
    if choice.kind:
        qs = qs.filter(body__kind=choice.kind) if choice.kind in BodyKind.values else qs.none()
    pledges = list(
        qs.select_related("body__council").annotate(
            commitment_total=Count("commitments", filter=Q(commitments__isnull=False))
        )
    )
    order = list(BodyKind.values)
    pledges.sort(
        key=lambda p: (
            order.index(p.body.kind),
            vi_key(p.body.council.short_name),
            vi_key(p.body.name),
        )
    )
    return pledges


@dataclass(frozen=True)
class Dataset:
    """A kind of record the summary counts: how to select it and what columns to show."""

    title: str
    columns: list
    select: Callable  # (council, year, choice) -> QuerySet or list
    cells: Callable  # (obj) -> list of cell values
    kinds: dict  # kind value -> label, for the list's subtitle

    def row(self, obj, user) -> tuple[list, str]:
        """The cells of ``obj`` and the link to its record, for a user who may open it."""
        return self.cells(obj), record_link(obj, user)


def record_link(obj, user) -> str:
    """The record's page in the admin when ``user`` may view it there; "" otherwise."""
    meta = obj._meta
    if not user.has_perm(f"{meta.app_label}.view_{meta.model_name}"):
        return ""
    try:
        return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])
    except NoReverseMatch:
        return ""


def describe(spec: Dataset, choice: Choice, year: int) -> str:
    """The list's subtitle in words: whose records, which level, which kind, which year."""
    if choice.scope == "below":
        whose = (
            _("Records of the %(councils)s") % {"councils": LEVEL_TITLES[choice.level]}
            if choice.level
            else _("Records of the councils below")
        )
    elif choice.scope == "received":
        whose = _("Awards received by the council, its bodies and its deputies")
    else:
        whose = _("The council's own records")
    parts = [whose]
    if spec is DATASETS["pledges"]:
        parts.append(_("Signed for %(year)s") % {"year": choice.for_year or year + 1})
    if spec.kinds.get(choice.kind):
        parts.append(str(spec.kinds[choice.kind]))
    return " · ".join(parts)


def _yes_no(value: bool) -> str:
    return _("Yes") if value else _("No")


AWARD_KINDS = {
    "collective": gettext_lazy("Collectives"),
    "individual": gettext_lazy("Individuals (certificates)"),
    "person": gettext_lazy("Individuals"),
}

DATASETS = {
    "sessions": Dataset(
        gettext_lazy("Sessions"),
        [
            gettext_lazy("Council"),
            gettext_lazy("Session"),
            gettext_lazy("Kind"),
            gettext_lazy("From"),
            gettext_lazy("To"),
            gettext_lazy("Paperless"),
            gettext_lazy("Resolutions"),
        ],
        _sessions,
        lambda s: [
            s.council.short_name,
            s.number,
            s.get_kind_display(),
            s.start_date,
            s.end_date,
            _yes_no(s.paperless),
            s.resolution_total,
        ],
        {**dict(SessionKind.choices), PAPERLESS: gettext_lazy("Paperless by their documents")},
    ),
    "resolutions": Dataset(
        gettext_lazy("Resolutions"),
        [
            gettext_lazy("Council"),
            gettext_lazy("Number"),
            gettext_lazy("Adopted on"),
            gettext_lazy("Summary"),
        ],
        _resolutions,
        lambda r: [r.session.council.short_name, r.code, r.adopted_on, r.title],
        {SIGNED: gettext_lazy("With a verified digital signature")},
    ),
    "documents": Dataset(
        gettext_lazy("Session documents"),
        [
            gettext_lazy("Council"),
            gettext_lazy("Session"),
            gettext_lazy("Kind"),
            gettext_lazy("Title"),
            gettext_lazy("Sent on"),
            gettext_lazy("Signature"),
        ],
        _documents,
        lambda d: [
            d.session.council.short_name,
            d.session.number,
            d.get_kind_display(),
            d.title,
            f"{timezone.localtime(d.sent_at):%d/%m/%Y %H:%M}" if d.sent_at else "",
            d.get_signature_status_display() if d.signature_status else "",
        ],
        {
            SENT: gettext_lazy("Sent electronically"),
            FAILED: gettext_lazy("Signature check failed"),
        },
    ),
    "oversight": Dataset(
        gettext_lazy("Oversight and surveys"),
        [
            gettext_lazy("Council"),
            gettext_lazy("Kind"),
            gettext_lazy("Title"),
            gettext_lazy("Conducted by"),
            gettext_lazy("From"),
            gettext_lazy("To"),
        ],
        _oversight,
        lambda a: [
            a.council.short_name,
            a.get_kind_display(),
            a.title,
            a.conducted_by or "",
            a.start_date,
            a.end_date,
        ],
        dict(ActivityKind.choices),
    ),
    "awards": Dataset(
        gettext_lazy("Awards"),
        [
            gettext_lazy("Recipient"),
            gettext_lazy("Collective / individual"),
            gettext_lazy("Kind"),
            gettext_lazy("Decision"),
            gettext_lazy("Decision date"),
        ],
        _awards,
        lambda a: [
            str(a.recipient),
            _("Collective") if a.is_collective else _("Individual"),
            a.decision.get_kind_display(),
            a.decision.number,
            a.decision.decision_date,
        ],
        AWARD_KINDS,
    ),
    "pledges": Dataset(
        gettext_lazy("Pledges"),
        [
            gettext_lazy("Signed by"),
            gettext_lazy("Council"),
            gettext_lazy("Kind"),
            gettext_lazy("Signed on"),
            gettext_lazy("Commitments"),
        ],
        _pledges,
        lambda p: [
            p.body.name,
            p.body.council.short_name,
            p.body.get_kind_display(),
            p.signed_on,
            p.commitment_total,
        ],
        dict(BodyKind.choices),
    ),
}


# The deputies' work lists, in their own module (they read the records above this one's).
from .records_work import WORK_DATASETS  # noqa: E402

# figures: a dict of list definitions, no write of records.
DATASETS.update(WORK_DATASETS)
