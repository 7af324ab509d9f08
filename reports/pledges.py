"""Pledges of a campaign year, and how far the year's records meet their commitments."""

from campaigns.measures import RecordCounts
from campaigns.models import CommitmentMetric, Pledge
from councilwork.collation import vi_key
from councilwork.models import BodyKind, Council

from .types import CommitmentRow, PledgeRow

# The order the seed article names the signers in: committees, deputy groups, standing committees.
SIGNER_ORDER = [BodyKind.COMMITTEE, BodyKind.DEPUTY_GROUP, BodyKind.STANDING_COMMITTEE]


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
    # Labels translated once, not once per row (a province's year holds 700 commitments).
    kinds = {value: str(label) for value, label in BodyKind.choices}
    metrics = {value: str(label) for value, label in CommitmentMetric.choices}
    return [
        PledgeRow(
            body=pledge.body.name,
            council=pledge.body.council.short_name,
            kind=pledge.body.kind,
            kind_label=kinds.get(pledge.body.kind, pledge.body.kind),
            signed_on=pledge.signed_on,
            commitments=[
                _commitment(c, pledge.body, counts, metrics) for c in pledge.commitments.all()
            ],
            own=pledge.body.council_id == council.pk,
            campaign=pledge.campaign.council.name,
        )
        for pledge in pledges
    ]


def _commitment(commitment, body, counts: RecordCounts | None, metrics: dict) -> CommitmentRow:
    measured = counts is not None and commitment.metric
    return CommitmentRow(
        text=commitment.text,
        metric_label=metrics.get(commitment.metric, commitment.metric),
        target=commitment.target,
        actual=counts.measure(commitment.metric, council_id=body.council_id, body=body)
        if measured
        else None,
    )
