"""Pledges of a campaign year, and how far the year's records meet their commitments."""

from django.db.models import Q

from campaigns.models import CommitmentMetric, Pledge
from councilwork.models import BodyKind, Council
from oversight.selectors import activity_counts_by_body, activity_counts_by_council
from sessions.selectors import resolution_counts_by_council, session_counts_by_council

from .types import CommitmentRow, PledgeRow

# The order the seed article names the signers in: committees, deputy groups, standing committees.
SIGNER_ORDER = [BodyKind.COMMITTEE, BodyKind.DEPUTY_GROUP, BodyKind.STANDING_COMMITTEE]
OVERSIGHT_KEYS = {
    CommitmentMetric.OVERSIGHT: "total",
    CommitmentMetric.THEMATIC_OVERSIGHT: "thematic",
    CommitmentMetric.INTERPELLATIONS: "interpellation",
}
SESSION_KEYS = {
    CommitmentMetric.SESSIONS: "total",
    CommitmentMetric.THEMATIC_SESSIONS: "thematic",
    CommitmentMetric.PAPERLESS_SESSIONS: "paperless",
}


class RecordCounts:
    """The year's counts a commitment can be measured by, for a council and its children.

    Four queries, loaded once for all pledges. A standing committee answers for its
    whole council's oversight; a committee or deputy group for the activities it
    conducted itself. Sessions and resolutions are always the body's council's.
    """

    def __init__(self, council: Council, year: int):
        tree = Council.objects.filter(Q(pk=council.pk) | Q(parent=council))
        self.sessions = session_counts_by_council(councils=tree, year=year)
        self.resolutions = resolution_counts_by_council(councils=tree, year=year)
        self.oversight = activity_counts_by_council(councils=tree, year=year)
        self.by_body = activity_counts_by_body(councils=tree, year=year)

    def measure(self, metric: str, body) -> int:
        if metric in SESSION_KEYS:
            return self.sessions.get(body.council_id, {}).get(SESSION_KEYS[metric], 0)
        if metric == CommitmentMetric.RESOLUTIONS:
            return self.resolutions.get(body.council_id, 0)
        if body.kind == BodyKind.STANDING_COMMITTEE:
            counts = self.oversight.get(body.council_id, {})
        else:
            counts = self.by_body.get(body.pk, {})
        return counts.get(OVERSIGHT_KEYS[metric], 0)


def pledge_rows(*, council: Council, year: int, measure: bool) -> list[PledgeRow]:
    """Pledges signed to ``council``'s campaign of ``year`` (2 queries; 4 more to measure)."""
    pledges = list(
        Pledge.objects.filter(campaign__council=council, campaign__year=year)
        .select_related("body__council")
        .prefetch_related("commitments")
    )
    if not pledges:
        return []
    counts = RecordCounts(council, year) if measure else None
    pledges.sort(
        key=lambda p: (SIGNER_ORDER.index(p.body.kind), p.body.council.short_name, p.body.name)
    )
    return [
        PledgeRow(
            body=pledge.body.name,
            council=pledge.body.council.short_name,
            kind=pledge.body.kind,
            kind_label=str(pledge.body.get_kind_display()),
            signed_on=pledge.signed_on,
            commitments=[_commitment(c, pledge.body, counts) for c in pledge.commitments.all()],
        )
        for pledge in pledges
    ]


def _commitment(commitment, body, counts: RecordCounts | None) -> CommitmentRow:
    measured = counts is not None and commitment.metric
    return CommitmentRow(
        text=commitment.text,
        metric_label=str(commitment.get_metric_display()) if commitment.metric else "",
        target=commitment.target,
        actual=counts.measure(commitment.metric, body) if measured else None,
    )
