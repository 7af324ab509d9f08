"""Pledges of a campaign year, and how far the year's records meet their commitments."""

from campaigns.models import CommitmentMetric, Pledge
from councilwork.collation import vi_key
from councilwork.models import BodyKind, Council
from oversight.selectors import activity_counts_by_body, activity_counts_by_council
from sessions.selectors import (
    digital_counts_by_council,
    resolution_counts_by_council,
    session_counts_by_council,
)

from .types import CommitmentRow, PledgeRow

# The order the seed article names the signers in: committees, deputy groups, standing committees.
SIGNER_ORDER = [BodyKind.COMMITTEE, BodyKind.DEPUTY_GROUP, BodyKind.STANDING_COMMITTEE]
OVERSIGHT_KEYS = {
    CommitmentMetric.OVERSIGHT: "total",
    CommitmentMetric.THEMATIC_OVERSIGHT: "thematic",
    CommitmentMetric.REGULAR_OVERSIGHT: "regular",
    CommitmentMetric.SURVEYS: "survey",
    CommitmentMetric.INTERPELLATIONS: "interpellation",
}
SESSION_KEYS = {
    CommitmentMetric.SESSIONS: "total",
    CommitmentMetric.REGULAR_SESSIONS: "regular",
    CommitmentMetric.THEMATIC_SESSIONS: "thematic",
    CommitmentMetric.PAPERLESS_SESSIONS: "paperless",  # by the documents or by hand
}
DIGITAL_KEYS = {
    CommitmentMetric.PAPERLESS_BY_DOCUMENTS: "paperless_sessions",
    CommitmentMetric.DOCUMENTS_SENT: "documents_sent",
    CommitmentMetric.SIGNED_RESOLUTIONS: "resolutions_signed",
}


class RecordCounts:
    """The year's counts a commitment can be measured by, for the signing bodies' councils.

    Four queries, loaded once for all pledges; three more the first time a commitment
    is measured by the digital work. Each pledge is measured on its signing
    body's own council, wherever that sits in the tree (a commune's body pledging to the
    province's campaign is measured on the commune). A standing committee answers for
    its whole council's oversight; a committee or deputy group for the activities it
    conducted itself. Sessions and resolutions are always the body's council's.
    """

    def __init__(self, council_ids: set[int], year: int):
        ids = sorted(council_ids)
        self.sessions = session_counts_by_council(councils=ids, year=year)
        self.resolutions = resolution_counts_by_council(councils=ids, year=year)
        self.oversight = activity_counts_by_council(councils=ids, year=year)
        self.by_body = activity_counts_by_body(councils=ids, year=year)
        self.ids, self.year, self._digital = ids, year, None

    @property
    def digital(self) -> dict[int, dict[str, int]]:
        if self._digital is None:
            self._digital = digital_counts_by_council(councils=self.ids, year=self.year)
        return self._digital

    def measure(self, metric: str, body) -> int:
        if metric in DIGITAL_KEYS:
            return self.digital.get(body.council_id, {}).get(DIGITAL_KEYS[metric], 0)
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
    """Pledges for ``year``: to ``council``'s campaign, and by its own bodies to any campaign.

    Two queries; four more to measure them.
    """
    pledges = list(
        (
            Pledge.objects.for_campaign_year(council, year)
            | Pledge.objects.signed_by_council(council, year)
        )
        .select_related("body__council", "campaign__council")
        .prefetch_related("commitments")
        .order_by("pk")
    )
    if not pledges:
        return []
    counts = RecordCounts({p.body.council_id for p in pledges}, year) if measure else None
    pledges.sort(
        key=lambda p: (
            SIGNER_ORDER.index(p.body.kind),
            vi_key(p.body.council.short_name),
            vi_key(p.body.name),
        )
    )
    return [
        PledgeRow(
            body=pledge.body.name,
            council=pledge.body.council.short_name,
            kind=pledge.body.kind,
            kind_label=str(pledge.body.get_kind_display()),
            signed_on=pledge.signed_on,
            commitments=[_commitment(c, pledge.body, counts) for c in pledge.commitments.all()],
            own=pledge.body.council_id == council.pk,
            campaign=pledge.campaign.council.name,
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
