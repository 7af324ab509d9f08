"""The read-only lists behind the summary's figures (the drill-down)."""

import re
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from awards.models import Award
from campaigns.models import Pledge
from oversight.models import OversightActivity
from sessions.models import Resolution, Session


@dataclass(frozen=True)
class Dataset:
    """A kind of record the summary counts: how to select it and what columns to show."""

    title: str
    columns: list
    select: Callable  # (council, year, scope, kind, params) -> QuerySet
    row: Callable  # (obj) -> list of cell values


def _scoped(queryset: QuerySet, council, scope: str) -> QuerySet:
    if scope == "children":
        return queryset.filter(council__parent=council)
    return queryset.filter(council=council)


def _sessions(council, year, scope, kind, params):
    qs = _scoped(Session.objects.in_year(year), council, scope).select_related("council")
    if kind:
        qs = qs.filter(kind=kind)
    return qs.annotate(resolution_total=Count("resolutions")).order_by(
        "start_date", "council__name"
    )


def _resolutions(council, year, scope, kind, params):
    qs = _scoped(Resolution.objects.in_year(year), council, scope).select_related("council")
    return qs.order_by("council__name", "adopted_on", "number")


def _oversight(council, year, scope, kind, params):
    qs = _scoped(OversightActivity.objects.in_year(year), council, scope)
    if kind:
        qs = qs.filter(kind=kind)
    return qs.select_related("council", "conducted_by").order_by("start_date", "pk")


def _awards(council, year, scope, kind, params):
    qs = Award.objects.filter(decision__council=council, decision__year=year)
    if kind in ("collective", "individual"):
        qs = qs.filter(recipient_person__isnull=(kind == "collective"))
    return qs.select_related(
        "decision", "recipient_body", "recipient_council", "recipient_person"
    ).order_by("decision__number", "pk")


def _pledges(council, year, scope, kind, params):
    for_year = params.get("for", "")
    # Four ASCII digits: str.isdigit() also takes "²" and 10 000 digits, which int() refuses.
    campaign_year = int(for_year) if re.fullmatch(r"[0-9]{4}", for_year) else year + 1
    qs = Pledge.objects.filter(campaign__council=council, campaign__year=campaign_year)
    if kind:
        qs = qs.filter(body__kind=kind)
    return (
        qs.select_related("body__council")
        .annotate(commitment_total=Count("commitments", filter=Q(commitments__isnull=False)))
        .order_by("body__kind", "body__council__name", "body__name")
    )


DATASETS = {
    "sessions": Dataset(
        _("Sessions"),
        [
            _("Council"),
            _("Session"),
            _("Kind"),
            _("From"),
            _("To"),
            _("Paperless"),
            _("Resolutions"),
        ],
        _sessions,
        lambda s: [
            s.council.short_name,
            s.number,
            s.get_kind_display(),
            s.start_date,
            s.end_date,
            s.paperless,
            s.resolution_total,
        ],
    ),
    "resolutions": Dataset(
        _("Resolutions"),
        [_("Council"), _("Number"), _("Adopted on"), _("Summary")],
        _resolutions,
        lambda r: [r.council.short_name, r.code, r.adopted_on, r.title],
    ),
    "oversight": Dataset(
        _("Oversight and surveys"),
        [_("Council"), _("Kind"), _("Title"), _("Conducted by"), _("From"), _("To")],
        _oversight,
        lambda a: [
            a.council.short_name,
            a.get_kind_display(),
            a.title,
            a.conducted_by or "",
            a.start_date,
            a.end_date,
        ],
    ),
    "awards": Dataset(
        _("Awards"),
        [_("Recipient"), _("Collective"), _("Kind"), _("Decision"), _("Decision date")],
        _awards,
        lambda a: [
            str(a.recipient),
            a.is_collective,
            a.decision.get_kind_display(),
            a.decision.number,
            a.decision.decision_date,
        ],
    ),
    "pledges": Dataset(
        _("Pledges"),
        [_("Signed by"), _("Council"), _("Kind"), _("Signed on"), _("Commitments")],
        _pledges,
        lambda p: [
            p.body.name,
            p.body.council.short_name,
            p.body.get_kind_display(),
            p.signed_on,
            p.commitment_total,
        ],
    ),
}
