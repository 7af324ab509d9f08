"""The summary's tables: the councils below per level, predecessors, awards, own results.

Each function costs a fixed number of queries, whatever the number of councils.
"""

from django.db.models import Q

from awards.models import Award
from awards.recipients import RELATED
from campaigns.models import Campaign, Scorecard, ScorecardStatus
from campaigns.ranking import RankingRow, campaign_ranking
from councilwork.collation import vi_key
from councilwork.models import Council, CouncilLevel
from oversight.selectors import activity_counts_by_council
from sessions.selectors import resolution_counts_by_council, session_counts_by_council

from .figure_table import LEVEL_TITLES
from .links import records_url
from .types import AwardRow, CouncilRef, CouncilRow, LevelTable, OwnResult


def council_ref(council: Council) -> CouncilRef:
    return CouncilRef(
        pk=council.pk,
        slug=council.slug,
        name=council.name,
        short_name=council.short_name,
        level=council.level,
    )


def level_tables(council: Council, year: int, ranking: list[RankingRow]) -> list[LevelTable]:
    """The councils below that existed in ``year``, per level nearest first. 4 queries."""
    councils = list(Council.objects.below(council).existed_in(year).select_related("successor"))
    rows = _council_rows(councils, year, ranking)
    tables = []
    for level in CouncilLevel.values:
        at_level = [row for row in rows if row.council.level == level]
        if at_level:
            tables.append(LevelTable(level, str(LEVEL_TITLES[level]), at_level))
    return tables


def predecessor_rows(council: Council, year: int) -> list[CouncilRow]:
    """The councils ``council`` succeeded that existed in ``year``, and their records."""
    councils = list(council.predecessors.existed_in(year).select_related("successor"))
    return _council_rows(councils, year, [])


def _council_rows(councils: list[Council], year: int, ranking) -> list[CouncilRow]:
    if not councils:
        return []
    councils.sort(key=lambda c: vi_key(c.short_name))
    ids = [c.pk for c in councils]
    sessions = session_counts_by_council(councils=ids, year=year)
    resolutions = resolution_counts_by_council(councils=ids, year=year)
    oversight = activity_counts_by_council(councils=ids, year=year)
    scored = {row.council_pk: row for row in ranking if row.council_pk}
    rows = []
    for council in councils:
        held = oversight.get(council.pk, {})
        result = scored.get(council.pk)
        ended = (
            council.dissolved_on
            if council.dissolved_on and council.dissolved_on.year == year
            else None
        )
        rows.append(
            CouncilRow(
                council=council_ref(council),
                sessions=sessions.get(council.pk, {}).get("total", 0),
                resolutions=resolutions.get(council.pk, 0),
                oversight=held.get("total", 0),
                thematic_oversight=held.get("thematic", 0),
                score=result.total if result else None,
                classification=result.classification_label if result else "",
                urls={
                    name: records_url(year, name, council, scope="own")
                    for name in ("sessions", "resolutions", "oversight")
                },
                dissolved_on=ended,
                successor=council.successor.name if ended and council.successor else "",
            )
        )
    return rows


def _award_row(award: Award) -> AwardRow:
    return AwardRow(
        recipient=str(award.recipient),
        collective=award.is_collective,
        kind_label=str(award.decision.get_kind_display()),
        decision_number=award.decision.number,
        decision_date=award.decision.decision_date,
        issuing_authority=award.decision.issuing_authority,
        achievement=award.achievement,
    )


_AWARD_RELATED = ("decision", *RELATED)  # the recipient's name, with the decision


def award_rows(council: Council, year: int) -> list[AwardRow]:
    """The certificates of ``council``'s ``year`` (decided for its campaign). 1 query."""
    awards = (
        Award.objects.decided_by(council, year)
        .select_related(*_AWARD_RELATED)
        .order_by("decision__decision_date", "decision__number", "pk")
    )
    return [_award_row(award) for award in awards]


def received_rows(council: Council, year: int) -> list[AwardRow]:
    """Awards for ``year`` to ``council``, its bodies and deputies, whoever decided. 1 query."""
    awards = Award.objects.filter(pk__in=Award.objects.received_by(council, year).values("pk"))
    awards = awards.select_related(*_AWARD_RELATED).order_by(
        "decision__decision_date", "decision__number", "pk"
    )
    return [_award_row(award) for award in awards]


def own_results(council: Council, year: int) -> list[OwnResult]:
    """The council's, its bodies' and deputies' results in the campaigns of councils above.

    One query for the campaigns, then three per campaign that scored them (usually one:
    the parent's). Only approved scorecards count, as in the ranking.
    """
    subject = (
        Q(subject_council=council)
        | Q(subject_body__council=council)
        | Q(subject_deputy__term__council=council)
    )
    mine = Scorecard.objects.filter(
        subject, status=ScorecardStatus.APPROVED, campaign__year=year
    ).exclude(campaign__council=council)
    cards = set(mine.values_list("pk", flat=True))
    if not cards:
        return []
    campaigns = Campaign.objects.filter(scorecards__in=cards).select_related("council").distinct()
    results = []
    for campaign in sorted(campaigns, key=lambda c: c.council.level):
        for row in campaign_ranking(campaign):
            if row.scorecard_pk in cards:
                results.append(
                    OwnResult(
                        campaign_council=campaign.council.name,
                        subject=row.subject,
                        kind_label=row.kind_label,
                        rank=row.rank,
                        total=row.total,
                        maximum=row.maximum,
                        classification_label=row.classification_label,
                    )
                )
    return results
