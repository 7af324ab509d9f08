"""The deterministic plan of each province's emulation: criteria, points, awards, pledges.

Seeded like ``plan``: each choice depends only on the seed, a council's code, the
year and what is chosen.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from . import vocab
from .plan import CRITERIA, CRITERIA_PER_KIND, rng


@dataclass(frozen=True)
class CriterionPlan:
    applies_to: str
    section: str
    code: str
    title: str
    max_points: Decimal
    position: int


def criteria(seed: int, slug: str, year: int) -> list[CriterionPlan]:
    """20–40 criteria over the five subject kinds, each kind's maxima summing to 100."""
    r = rng(seed, slug, year, "criteria")
    kinds = list(vocab.SECTIONS)
    counts = dict.fromkeys(kinds, CRITERIA_PER_KIND[0])
    for _extra in range(r.randint(*CRITERIA) - sum(counts.values())):
        open_kinds = [kind for kind in kinds if counts[kind] < CRITERIA_PER_KIND[1]]
        counts[r.choice(open_kinds)] += 1
    plans = []
    for kind in kinds:
        units = [1] * counts[kind]  # units of 5 points; 20 units make 100
        for _unit in range(20 - counts[kind]):
            units[r.randrange(counts[kind])] += 1
        sections = vocab.SECTIONS[kind]
        per_section = [0] * len(sections)
        first_title = [r.randrange(len(titles)) for _section, titles in sections]
        for position, unit in enumerate(units, 1):
            s = (position - 1) * len(sections) // len(units)
            per_section[s] += 1
            section, titles = sections[s]
            title = titles[(first_title[s] + per_section[s] - 1) % len(titles)]
            code = f"{s + 1}.{per_section[s]}"
            plans.append(CriterionPlan(kind, section, code, title, Decimal(5 * unit), position))
    return plans


THRESHOLDS = (("good", 70), ("completed", 50), ("not_completed", 0))


def thresholds(seed: int, slug: str, year: int) -> list[tuple[str, int]]:
    """(classification, minimum) for each of the four classifications."""
    return [("excellent", rng(seed, slug, year, "thresholds").choice((85, 90))), *THRESHOLDS]


def points(seed: int, slug: str, year: int, maxima: list[Decimal]) -> list[Decimal]:
    """A ward's self-assessed points per criterion: multiples of 0.5 from 0 to the maximum."""
    r = rng(seed, slug, year, "points")
    quality = r.uniform(0.6, 1.0)
    scores = []
    for maximum in maxima:
        share = min(1.0, max(0.0, quality + r.uniform(-0.15, 0.1)))
        scores.append(Decimal(round(2 * float(maximum) * share)) / 2)
    return scores


def conference_day(seed: int, slug: str, year: int) -> dt.date:
    """The year-end conference: the year closes, next year's campaign opens, pledges signed."""
    return dt.date(year, 12, rng(seed, slug, year, "conference").randint(15, 28))


def award_decision(seed: int, slug: str, year: int) -> tuple[str, dt.date]:
    r = rng(seed, slug, year, "awards")
    # After the review of the scorecards (20 January).
    return f"{r.randint(100, 2999)}/QĐ-UBND", dt.date(year + 1, r.randint(2, 3), r.randint(1, 28))


def commitments(seed: int, slug: str, year: int, kind: str) -> list[tuple[str, str, int | None]]:
    """2–3 commitments of a body's pledge: (text, metric, target)."""
    r = rng(seed, slug, year, "commitments")
    items = vocab.COMMITMENTS[kind]
    chosen = items[: r.randint(2, len(items))]
    return [
        (text, metric, None if target is None else target + r.randint(0, 2))
        for text, metric, target in chosen
    ]
