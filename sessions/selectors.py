"""Reads over sessions and resolutions."""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from councilwork.models import Council
from councilwork.selectors import OwnAndBelow, count_own_and_below

from .models import Resolution, Session, SessionKind


def session_counts(*, council: Council, year: int) -> OwnAndBelow:
    """Sessions opened in ``year``: total, regular, thematic; own and per level below."""
    return count_own_and_below(
        Session.objects.in_year(year), council=council, year=year, kinds=SessionKind.values
    )


def resolution_counts(*, council: Council, year: int) -> OwnAndBelow:
    """Resolutions adopted in ``year``, by their session's council; own and per level below."""
    return count_own_and_below(
        Resolution.objects.in_year(year),
        council=council,
        year=year,
        council_field="session__council",
    )


def session_counts_by_council(*, councils, year: int) -> dict[int, dict[str, int]]:
    """Per council id: sessions opened in ``year`` (total, per kind, paperless). 1 query.

    ``councils`` is a queryset of councils, used as a subquery. "paperless" is what
    paperless_status calls counted: by the documents' send times, or marked by hand.
    """
    from .documents import paperless_q

    counted = paperless_q() | Q(paperless=True)
    aggregates = {"total": Count("pk"), "paperless": Count("pk", filter=counted)}
    for kind in SessionKind.values:
        aggregates[kind] = Count("pk", filter=Q(kind=kind))
    rows = (
        Session.objects.in_year(year)
        .filter(council__in=councils)
        .values("council")
        .annotate(**aggregates)
        .order_by()
    )
    return {row.pop("council"): row for row in rows}


def resolution_counts_by_council(*, councils, year: int) -> dict[int, int]:
    """Per council id: resolutions adopted in ``year``, by their session's council. 1 query."""
    rows = (
        Resolution.objects.in_year(year)
        .filter(session__council__in=councils)
        .values("session__council")
        .annotate(total=Count("pk"))
        .order_by()
    )
    return {row["session__council"]: row["total"] for row in rows}


@dataclass(frozen=True)
class PaperlessStatus:
    """Whether a session counts as paperless, and why."""

    counted: bool  # by the rule or by hand: what the figures count
    by_records: bool  # Session.objects.paperless_by_records()
    marked_by_hand: bool  # Session.paperless, set by the secretariat
    reason: str


def paperless_status(session: Session) -> PaperlessStatus:
    """The paperless rule applied to one session, with its reason. 2 queries.

    The verdict comes from the QuerySet method (the rule's one home); the reason only
    names what the documents lack.
    """
    from .documents import PAPERLESS_KINDS, DocumentKind

    by_records = Session.objects.filter(pk=session.pk).paperless_by_records().exists()
    opening = session.start_date
    kinds_sent, late = set(), 0
    for kind, sent_at in session.documents.filter(kind__in=PAPERLESS_KINDS).values_list(
        "kind", "sent_at"
    ):
        if sent_at is not None and timezone.localdate(sent_at) < opening:
            kinds_sent.add(kind)
        else:
            late += 1
    if by_records:
        reason = _(
            "The invitation and agenda and the draft resolutions were all sent electronically "
            "before the session opened."
        )
    elif late:
        reason = _(
            "%(count)s invitation or draft resolution documents were not sent electronically "
            "before the session opened."
        ) % {"count": late}
    elif DocumentKind.INVITATION not in kinds_sent:
        reason = _("No invitation and agenda was sent electronically before the session opened.")
    else:
        reason = _("No draft resolution was sent electronically before the session opened.")
    if session.paperless and not by_records:
        reason = _("Marked paperless by hand by the secretariat.") + " " + reason
    return PaperlessStatus(
        counted=by_records or session.paperless,
        by_records=by_records,
        marked_by_hand=session.paperless,
        reason=str(reason),
    )


# The year's attendance and votes (their own module), read from here like every figure.
from .attendance_selectors import (  # noqa: E402, F401
    absent_all_year,
    attendance_counts,
    deputy_attendance,
    vote_counts,
)


def digital_counts_by_council(*, councils, year: int) -> dict[int, dict[str, int]]:
    """Per council id: the year's digital work as digital_counts counts it. 3 queries.

    "paperless_sessions" (by the documents alone), "resolutions_signed" and
    "documents_sent"; a council without any is left out.
    """
    from .documents import SessionDocument, SignatureStatus

    found: dict[int, dict[str, int]] = {}

    def add(name, rows):
        for council_id, n in rows:
            found.setdefault(council_id, {})[name] = n

    sessions = Session.objects.in_year(year).filter(council__in=councils)
    add("paperless_sessions", _per(sessions.paperless_by_records(), "council"))
    valid = SessionDocument.objects.filter(
        resolution=OuterRef("pk"), signature_status=SignatureStatus.VALID
    )
    signed = Resolution.objects.in_year(year).filter(session__council__in=councils)
    add("resolutions_signed", _per(signed.filter(Exists(valid)), "session__council"))
    sent = SessionDocument.objects.sent().filter(
        session__start_date__year=year, session__council__in=councils
    )
    add("documents_sent", _per(sent, "session__council"))
    return found


def _per(queryset, field: str):
    return queryset.values_list(field).annotate(n=Count("pk")).order_by()


@dataclass(frozen=True)
class DigitalCounts:
    """A year's digital work: each figure for the council and per level below it."""

    paperless_sessions: OwnAndBelow  # opened in the year, paperless by their documents
    documents_sent: OwnAndBelow  # documents of the year's sessions sent electronically
    resolutions_signed: OwnAndBelow  # adopted in the year, with a valid signed PDF
    resolutions: OwnAndBelow  # adopted in the year, in total
    signatures_failed: OwnAndBelow  # documents of the year's sessions whose check failed


def digital_counts(
    *, council: Council, year: int, resolutions: OwnAndBelow | None = None
) -> DigitalCounts:
    """The digital figures of ``council``'s ``year``, own and per level below. 5 queries
    (4 when the caller has the year's ``resolution_counts`` already).

    Paperless is the rule of Session.objects.paperless_by_records() (a mark by hand is
    not counted here); a signed resolution is one with a document whose last signature
    check was "valid"; a failed signature is a check that found the file modified after
    signing, an invalid signature or an untrusted certificate.
    """
    from .documents import FAILED_SIGNATURES, SessionDocument, SignatureStatus

    documents = SessionDocument.objects.filter(session__start_date__year=year)
    valid = SessionDocument.objects.filter(
        resolution=OuterRef("pk"), signature_status=SignatureStatus.VALID
    )
    on_session = {"council": council, "year": year, "council_field": "session__council"}
    return DigitalCounts(
        paperless_sessions=count_own_and_below(
            Session.objects.in_year(year).paperless_by_records(), council=council, year=year
        ),
        documents_sent=count_own_and_below(documents.sent(), **on_session),
        resolutions_signed=count_own_and_below(
            Resolution.objects.in_year(year).filter(Exists(valid)), **on_session
        ),
        resolutions=resolutions or resolution_counts(council=council, year=year),
        signatures_failed=count_own_and_below(
            documents.filter(signature_status__in=FAILED_SIGNATURES), **on_session
        ),
    )
