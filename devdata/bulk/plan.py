"""The deterministic plan of the bulk data: the tree of councils and every volume and date.

Nothing here touches the database. Each choice is drawn from a ``random.Random``
seeded with a string naming the run's seed and the thing planned, e.g.
``"1/bulk-c0042/2023/sessions"`` (string seeds are hashed with SHA-512, not with
Python's randomised ``hash()``). So a council's records depend only on the seed,
its code and the year: not on the order of generation nor on any set or dict order.
"""

import datetime as dt
import math
import random
from dataclasses import dataclass
from decimal import Decimal

from . import vocab

PREFIX = "bulk-"
END_YEAR = 2025  # the last full year; ``--years Y`` covers END_YEAR - Y + 1 .. END_YEAR
PROVINCES = 34  # province-level councils after the 2025 reorganisation
CITIES = 6  # of which centrally-run cities (thành phố)
BIG_PROVINCE_WARDS = (100, 130)  # bulk-p01: the benchmark's "province with ~100 wards"

# Volumes, inclusive ranges.
SESSIONS = (4, 6)  # per council and year
RESOLUTIONS = (10, 40)  # per council and year
ACTIVITIES = (5, 20)  # oversight activities per council and year
RECOMMENDATIONS = (1, 4)  # per council and year
DEPUTIES = (5, 10)  # people per council, each seated in every term
DEPUTY_GROUPS = (1, 3)  # per council (plus a standing committee and two committees)
CRITERIA = (20, 40)  # per campaign, over the five subject kinds
CRITERIA_PER_KIND = (3, 12)
AWARD_SHARE = Decimal("0.1")  # of a province's wards, the best-scored, awarded each year


def rng(seed: int, *parts) -> random.Random:
    return random.Random("/".join(str(part) for part in (seed, *parts)))


def years_for(count: int) -> list[int]:
    return list(range(END_YEAR - count + 1, END_YEAR + 1))


# The tree -------------------------------------------------------------------------


@dataclass(frozen=True)
class CouncilPlan:
    slug: str
    name: str
    short_name: str


@dataclass(frozen=True)
class ProvincePlan(CouncilPlan):
    wards: tuple[CouncilPlan, ...]


def province_count(councils: int) -> int:
    """34 provinces, fewer for a small run so that none is left without wards."""
    return min(PROVINCES, max(1, math.ceil(councils / 3)))


def ward_counts(councils: int, seed: int) -> list[int]:
    """How many wards each province gets: bulk-p01 about 100–130, the rest uneven."""
    r = rng(seed, "tree")
    provinces = province_count(councils)
    first = max(1, min(r.randint(*BIG_PROVINCE_WARDS), councils // 4, councils - provinces + 1))
    if provinces == 1:
        return [councils]
    weights = [r.uniform(0.4, 1.6) for _i in range(provinces - 1)]
    spare = councils - first - (provinces - 1)  # beyond one ward each
    shares = [spare * w / sum(weights) for w in weights]
    counts = [1 + int(share) for share in shares]
    by_remainder = sorted(range(len(shares)), key=lambda i: (int(shares[i]) - shares[i], i))
    for i in by_remainder[: councils - first - sum(counts)]:
        counts[i] += 1
    return [first, *counts]


def tree(councils: int, seed: int) -> list[ProvincePlan]:
    r = rng(seed, "names")
    provinces, number = [], 0
    for p, wards in enumerate(ward_counts(councils, seed), 1):
        children = []
        for _w in range(wards):
            number += 1
            kind = "phường" if r.random() < 0.3 else "xã"
            code = f"{number:04d}"
            children.append(
                CouncilPlan(f"{PREFIX}c{code}", f"HĐND {kind} Bulk {code}", f"Bulk {code}")
            )
        kind = "thành phố" if p <= CITIES else "tỉnh"
        code = f"{p:02d}"
        provinces.append(
            ProvincePlan(
                f"{PREFIX}p{code}", f"HĐND {kind} Bulk {code}", f"Bulk {code}", tuple(children)
            )
        )
    return provinces


def place(name: str) -> str:
    """The name without "HĐND", for phrases like "UBND xã Bulk 0001"."""
    return name.removeprefix("HĐND ")


# Terms ------------------------------------------------------------------------------


@dataclass(frozen=True)
class TermPlan:
    name: str
    start: dt.date
    end: dt.date

    def covers(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


def terms_for(years: list[int]) -> list[TermPlan]:
    """The five-year terms (2021–2026 as in the demo) that cover ``years``, oldest first."""
    first, last = dt.date(years[0], 1, 1), dt.date(years[-1], 12, 31)
    # The term covering 1 January of the first year started in an earlier year.
    year = 2021 - 5 * math.ceil(max(0, 2022 - years[0]) / 5)
    terms = []
    while dt.date(year, 6, 1) <= last:
        # Earlier terms end on 31 May; 2021–2026 ends on 30 June 2026 (as in the demo),
        # so the next one starts on 1 July.
        start = dt.date(year, 6, 1) if year <= 2021 else dt.date(year, 7, 1)
        end = dt.date(year + 5, 6, 30) if year >= 2021 else dt.date(year + 5, 5, 31)
        if end >= first:
            terms.append(TermPlan(f"{year}–{year + 5}", start, end))
        year += 5
    return terms


# People -----------------------------------------------------------------------------


@dataclass(frozen=True)
class PeoplePlan:
    names: tuple[tuple[str, str], ...]  # (full name, gender); 0 chairs, 1 vice-chairs, 2–3 head
    groups: int  # deputy groups; people 4.. are spread over them


def people(seed: int, slug: str) -> PeoplePlan:
    r = rng(seed, slug, "people")
    count = r.randint(*DEPUTIES)
    names = []
    for _i in range(count):
        gender = r.choice(("female", "male"))
        middle, given = r.choice(vocab.MIDDLE[gender]), r.choice(vocab.GIVEN[gender])
        names.append((f"{r.choice(vocab.FAMILY)} {middle} {given}", gender))
    return PeoplePlan(tuple(names), min(r.randint(*DEPUTY_GROUPS), count - 4))


def distinct_name(name: str, gender: str, taken: set[str]) -> str:
    """``name``, or the first variant of it (another family name, then another middle
    and given name) that ``taken`` lacks; the result is added to ``taken``.

    A person's key in a year's export is the full name, so two people of one province
    with the same name would make the province's year unexportable (the export says
    so). Real councils do have namesakes; the bulk data, built to be exported and
    imported at volume, has none within a province. Deterministic: same order, same names.
    """
    family, middle, given = _name_parts(name, gender)
    candidates = (
        f"{f} {m} {g}"
        for g in (given, *vocab.GIVEN[gender])
        for m in (middle, *vocab.MIDDLE[gender])
        for f in (family, *vocab.FAMILY)
    )
    for candidate in candidates:
        if candidate not in taken:
            taken.add(candidate)
            return candidate
    raise ValueError(f"no distinct {gender} name left near {name!r}")


def _name_parts(name: str, gender: str) -> tuple[str, str, str]:
    family, rest = name.split(" ", 1)
    middle = next(m for m in vocab.MIDDLE[gender] if rest.startswith(m + " "))
    return family, middle, rest[len(middle) + 1 :]


# Sessions and resolutions -----------------------------------------------------------


@dataclass(frozen=True)
class SessionPlan:
    kind: str
    start: dt.date
    end: dt.date
    paperless: bool
    resolutions: int


def sessions(seed: int, slug: str, year: int) -> list[SessionPlan]:
    """4–6 sessions in distinct months, regular in July and December, 10–40 resolutions."""
    r = rng(seed, slug, year, "sessions")
    count = r.randint(*SESSIONS)
    others = r.sample([1, 2, 3, 4, 5, 6, 8, 9, 10, 11], count - 2)
    months = sorted([7, 12, *others])
    kinds = ["regular" if m in (7, 12) or r.random() < 0.2 else "thematic" for m in months]
    # Regular sessions adopt most resolutions; every session adopts at least one.
    weights = [(3 if kind == "regular" else 1) * r.uniform(0.7, 1.3) for kind in kinds]
    resolutions = spread(r.randint(*RESOLUTIONS), weights)
    paperless_share = min(0.9, max(0.05, 0.2 + 0.15 * (year - 2021)))
    plans = []
    for month, kind, adopted in zip(months, kinds, resolutions, strict=True):
        start = dt.date(year, month, r.randint(3, 24))
        days = r.randint(0, 2) if kind == "regular" else 0
        end = start + dt.timedelta(days=days)
        plans.append(SessionPlan(kind, start, end, r.random() < paperless_share, adopted))
    return plans


def spread(total: int, weights: list[float]) -> list[int]:
    """``total`` split by ``weights``, at least 1 each (largest remainders, ties by position)."""
    spare = total - len(weights)
    shares = [spare * w / sum(weights) for w in weights]
    counts = [1 + int(share) for share in shares]
    by_remainder = sorted(range(len(shares)), key=lambda i: (int(shares[i]) - shares[i], i))
    for i in by_remainder[: total - sum(counts)]:
        counts[i] += 1
    return counts


# Oversight --------------------------------------------------------------------------

ACTIVITY_KINDS = ("thematic", "regular", "survey", "interpellation")
ACTIVITY_WEIGHTS = (3, 4, 2, 1)


@dataclass(frozen=True)
class ActivityPlan:
    kind: str
    start: dt.date
    end: dt.date
    topic: str
    subject: str
    findings: str
    conductor: int | None  # index into the council's bodies; None: the council itself
    recommendation: tuple[str, dt.date, dt.date | None] | None  # status, deadline, done on


def activities(seed: int, slug: str, year: int, *, bodies: int, level: str) -> list[ActivityPlan]:
    """5–20 activities, with at least one thematic, one survey and one interpellation."""
    r = rng(seed, slug, year, "oversight")
    count = r.randint(*ACTIVITIES)
    kinds = ["thematic", "survey", "interpellation"]
    kinds += r.choices(ACTIVITY_KINDS, ACTIVITY_WEIGHTS, k=count - 3)
    r.shuffle(kinds)
    # Distinct days: an activity's key in the exchange is its council, title and start.
    starts = sorted(dt.date(year, 2, 1) + dt.timedelta(days=d) for d in r.sample(range(300), count))
    followed = set(r.sample(range(count), r.randint(*RECOMMENDATIONS)))
    plans = []
    for i, (kind, start) in enumerate(zip(kinds, starts, strict=True)):
        days = r.randint(1, 4) if kind in ("thematic", "survey") else 0
        conductor = 0 if kind == "interpellation" else r.choice([None, *range(bodies)])
        recommendation = None
        if i in followed:
            deadline = start + dt.timedelta(days=r.randint(60, 120))
            status = r.choices(["done", "in_progress", "open"], [5, 3, 2])[0]
            done_on = deadline - dt.timedelta(days=r.randint(0, 45)) if status == "done" else None
            recommendation = (status, deadline, done_on)
        plans.append(
            ActivityPlan(
                kind,
                start,
                start + dt.timedelta(days=days),
                r.choice(vocab.OVERSIGHT_TOPICS),
                r.choice(vocab.SUBJECTS[level]),
                r.choice(vocab.FINDINGS),
                conductor,
                recommendation,
            )
        )
    return plans
