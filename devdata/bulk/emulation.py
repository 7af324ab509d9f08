"""Insertion phases of a province's emulation: campaigns, scoring, awards, pledges.

Each year of the run: the province's campaign with its criteria and thresholds, an
approved self-assessment of every ward, an award decision for the best-scored tenth
of the wards, and at the year-end conference the pledges of the province's bodies
and of every ward's standing committee to next year's campaign. Next year's campaign
after the last year is created too (open, unscored), so its pledges have a campaign.
"""

import datetime as dt
from decimal import Decimal

from awards.models import Award, AwardDecision, AwardKind
from campaigns.models import (
    Campaign,
    CampaignStatus,
    ClassificationThreshold,
    Commitment,
    Criterion,
    Pledge,
    Score,
    Scorecard,
    ScorecardStatus,
    SubjectKind,
)

from . import plan, plan_emulation, vocab
from .plan import place

ICT = dt.timezone(dt.timedelta(hours=7))  # Asia/Ho_Chi_Minh, without daylight saving


def build_emulation(build) -> None:
    seed, province, wards = build.seed, build.province, build.wards
    campaigns = {}
    for year in [*build.years, build.years[-1] + 1]:
        theme = plan.rng(seed, province.slug, year, "theme").choice(vocab.THEMES)
        campaigns[year] = Campaign(
            council_id=province.pk,
            year=year,
            theme=theme.format(place=place(province.name)),
            launched_on=plan_emulation.conference_day(seed, province.slug, year - 1),
            status=CampaignStatus.CLOSED if year in build.years else CampaignStatus.OPEN,
            score_step=Decimal("0.5"),
        )
    build.insert(Campaign, list(campaigns.values()))
    criteria = _criteria(build, campaigns)
    totals = _scorecards(build, campaigns, criteria)
    decisions = []
    for year in build.years:
        number, day = plan_emulation.award_decision(seed, province.slug, year)
        decisions.append(
            AwardDecision(
                council_id=province.pk,
                year=year,
                kind=AwardKind.HIGHER_CERTIFICATE,
                number=number,
                decision_date=day,
                issuing_authority=f"UBND {place(province.name)}",
                title=f"Về việc tặng Bằng khen cho các tập thể có thành tích xuất sắc năm {year}",
            )
        )
    build.insert(AwardDecision, decisions)
    awards = []
    for decision in decisions:
        ranked = sorted(totals[decision.year], key=lambda pair: (-pair[0], pair[1].slug))
        best = max(1, int(len(wards) * plan.AWARD_SHARE + Decimal("0.5"))) if wards else 0
        awards.extend(
            Award(
                decision_id=decision.pk,
                recipient_council_id=ward.pk,
                achievement=f"Hoàn thành xuất sắc nhiệm vụ năm {decision.year}",
            )
            for _total, ward in ranked[:best]
        )
    build.insert(Award, awards)
    _pledges(build, campaigns)


def _criteria(build, campaigns) -> dict[int, list[Criterion]]:
    by_year, thresholds = {}, []
    for year, campaign in campaigns.items():
        by_year[year] = [
            Criterion(
                campaign_id=campaign.pk,
                applies_to=c.applies_to,
                section=c.section,
                code=c.code,
                title=c.title,
                max_points=c.max_points,
                position=c.position,
            )
            for c in plan_emulation.criteria(build.seed, build.province.slug, year)
        ]
        minima = plan_emulation.thresholds(build.seed, build.province.slug, year)
        thresholds.extend(
            ClassificationThreshold(
                campaign_id=campaign.pk,
                applies_to=kind,
                classification=classification,
                min_points=Decimal(minimum),
            )
            for kind in vocab.SECTIONS
            for classification, minimum in minima
        )
    build.insert(Criterion, [c for year in by_year for c in by_year[year]])
    build.insert(ClassificationThreshold, thresholds)
    return by_year


def _scorecards(build, campaigns, criteria) -> dict[int, list]:
    """Approved self-assessments of every ward; returns (total, ward) per year."""
    cards, pairs = [], []
    for year in build.years:
        submitted = dt.datetime(year + 1, 1, 10, 16, tzinfo=ICT)
        for ward in build.wards:
            cards.append(
                Scorecard(
                    campaign_id=campaigns[year].pk,
                    subject_kind=SubjectKind.COUNCIL,
                    subject_council_id=ward.pk,
                    status=ScorecardStatus.APPROVED,
                    submitted_at=submitted,
                    reviewed_at=submitted + dt.timedelta(days=10, hours=-7),
                )
            )
            pairs.append((year, ward))
    build.insert(Scorecard, cards)
    scores, totals = [], {year: [] for year in build.years}
    for card, (year, ward) in zip(cards, pairs, strict=True):
        council_criteria = [c for c in criteria[year] if c.applies_to == SubjectKind.COUNCIL]
        maxima = [c.max_points for c in council_criteria]
        points = plan_emulation.points(build.seed, ward.slug, year, maxima)
        scores.extend(
            # Approved as self-assessed: a changed point would need a reason and an event.
            Score(scorecard_id=card.pk, criterion_id=c.pk, self_points=p, approved_points=p)
            for c, p in zip(council_criteria, points, strict=True)
        )
        totals[year].append((sum(points), ward))
    build.insert(Score, scores)
    return totals


def _pledges(build, campaigns) -> None:
    province = build.province
    signers = [(province, body) for body in build.bodies[province.pk]]
    signers += [(ward, build.bodies[ward.pk][0]) for ward in build.wards]
    pledges, texts = [], []
    for year in build.years:
        day = plan_emulation.conference_day(build.seed, province.slug, year)
        for council, body in signers:
            pledges.append(
                Pledge(
                    campaign_id=campaigns[year + 1].pk,
                    body_id=body.pk,
                    signed_on=day,
                    signatory=build.leaders[body.pk],
                )
            )
            key = f"{council.slug}/{body.name}"
            texts.append(plan_emulation.commitments(build.seed, key, year, body.kind))
    build.insert(Pledge, pledges)
    commitments = [
        Commitment(pledge_id=pledge.pk, text=text, metric=metric, target=target, position=n)
        for pledge, items in zip(pledges, texts, strict=True)
        for n, (text, metric, target) in enumerate(items, 1)
    ]
    build.insert(Commitment, commitments)
