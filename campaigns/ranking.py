"""Rankings: scorecard totals, classification from the thresholds, ties sharing a rank."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, Sum

from awards.models import Award

from .models import (
    Campaign,
    Classification,
    ClassificationThreshold,
    Criterion,
    Scorecard,
    ScorecardStatus,
    SubjectKind,
    classify,
)


@dataclass(frozen=True)
class RankingRow:
    """A scored subject's place among subjects of the same kind (ties share a rank)."""

    rank: int
    subject: str  # name of the council, body or deputy
    kind: str  # SubjectKind value
    kind_label: str
    total: Decimal
    maximum: Decimal  # sum of the criteria maxima for that kind
    classification: str  # Classification value, "" when no threshold is met
    classification_label: str
    status: str  # ScorecardStatus value
    council_pk: int | None = None  # the council scored, when kind is "council"
    scorecard_pk: int | None = None


def scorecards_with_totals(campaign: Campaign, statuses=(ScorecardStatus.APPROVED,)):
    """The campaign's scorecards in ``statuses``, with their subjects and totals."""
    return (
        Scorecard.objects.filter(campaign=campaign, status__in=statuses)
        .select_related("subject_council", "subject_body", "subject_deputy__person")
        .with_totals()
    )


def campaign_ranking(
    campaign: Campaign | None, statuses=(ScorecardStatus.APPROVED,)
) -> list[RankingRow]:
    """Ranking per subject kind, best first; equal totals share a rank (1, 2, 2, 4).

    Three queries, however many scorecards: the totals, the maxima, the thresholds.
    """
    if campaign is None:
        return []
    maxima = dict(
        Criterion.objects.filter(campaign=campaign)
        .values_list("applies_to")
        .annotate(Sum("max_points"))
        .order_by()
    )
    thresholds = defaultdict(list)
    for kind, classification, minimum in ClassificationThreshold.objects.filter(
        campaign=campaign
    ).values_list("applies_to", "classification", "min_points"):
        thresholds[kind].append((Classification(classification), minimum))
    by_kind = defaultdict(list)
    for card in scorecards_with_totals(campaign, statuses):
        by_kind[card.subject_kind].append(card)
    rows = []
    for kind in SubjectKind:
        cards = sorted(by_kind[kind.value], key=lambda c: (-c.total, _subject_name(c)))
        for position, card in enumerate(cards, start=1):
            rank = position if position == 1 or card.total != cards[position - 2].total else None
            rank = rank or rows[-1].rank
            classification = classify(card.total, thresholds[kind.value]) or ""
            rows.append(
                RankingRow(
                    rank=rank,
                    subject=_subject_name(card),
                    kind=kind.value,
                    kind_label=str(kind.label),
                    total=card.total,
                    maximum=maxima.get(kind.value) or Decimal(0),
                    classification=str(classification),
                    classification_label=(
                        str(Classification(classification).label) if classification else ""
                    ),
                    status=card.status,
                    council_pk=card.subject_council_id,
                    scorecard_pk=card.pk,
                )
            )
    return rows


def _subject_name(card: Scorecard) -> str:
    if card.subject_deputy_id:
        return card.subject_deputy.person.full_name
    return (card.subject_council or card.subject_body).name


def award_proposals(campaign: Campaign | None) -> list[RankingRow]:
    """Approved subjects that meet the campaign's award rule, best first per kind.

    The rule: a classification at least ``award_classification`` and, when
    ``award_top`` is set, a rank within the top that many of the subject's kind.
    A subject already awarded by a decision closing the campaign is no longer proposed.
    """
    if campaign is None:
        return []
    order = list(Classification.values)
    cutoff = order.index(campaign.award_classification)
    awarded = awarded_scorecards(campaign)
    return [
        row
        for row in campaign_ranking(campaign)
        if row.classification
        and order.index(row.classification) <= cutoff
        and (campaign.award_top is None or row.rank <= campaign.award_top)
        and row.scorecard_pk not in awarded
    ]


def awarded_scorecards(campaign: Campaign) -> set[int]:
    """The campaign's scorecards whose subject holds an award of a decision closing it.

    A deputy is awarded as a person (the certificate names the person, not the term).
    """
    awards = Award.objects.decided_by(campaign.council_id, campaign.year)

    def recipients(field):
        return awards.filter(**{f"{field}__isnull": False}).values(field)

    return set(
        Scorecard.objects.filter(campaign=campaign)
        .filter(
            Q(subject_council__in=recipients("recipient_council"))
            | Q(subject_body__in=recipients("recipient_body"))
            | Q(subject_deputy__person__in=recipients("recipient_person"))
        )
        .values_list("pk", flat=True)
    )
