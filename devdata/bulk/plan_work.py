"""The deterministic plan of the deputies' work: attendance, votes, citizen reception,
meetings with voters and their petitions. Nothing here touches the database.

Each council's people are seated for the whole of every term (plan.people), so the
deputies of a council on any day are all its people: ``deputies`` below is their number.
Every date falls within the year planned, so a record counts in the year it is planned
for. The statuses are mixed as a ward's year would be: most deputies present, a few
absent with or without leave; most cases and petitions answered, some still awaiting
their answer past the deadline (overdue).
"""

import datetime as dt
from dataclasses import dataclass

from sessions.votes import votes_needed

from . import vocab
from .plan import rng

RECEPTION_DAYS = (4, 12)  # per council and year
CASES = (1, 4)  # per reception day
MEETINGS = (2, 4)  # meetings with voters per council and year
PETITIONS = (3, 8)  # per meeting
CITIZENS_PER_CASE = (1, 3)  # citizens received for each case raised (a few come together)
VOTERS = (40, 180)  # at a meeting
FAILED_DRAFT_SHARE = 0.15  # of council-years, one draft voted down
ATTENDANCE = (("in_person", 90), ("online", 4), ("excused", 5), ("absent", 1))
KEEP_STATUS = 0.8  # chance a deputy's status on a later sitting day is the opening day's
CASE_STATUSES = (("guided", 3), ("forwarded", 2), ("answered", 4), ("closed", 2))
PETITION_STATUSES = (("answered", 35), ("resolved", 25), ("in_progress", 15), ("pending", 25))
# A resolution on these topics needs two thirds of all the deputies (dismissal and the like).
TWO_THIRDS_TOPICS = ("Về miễn nhiệm",)


def _weighted(r, pairs, k: int = 1) -> list[str]:
    return r.choices([p[0] for p in pairs], [p[1] for p in pairs], k=k)


def attendance(seed: int, slug: str, year: int, days: list[int], deputies: int) -> list:
    """Per session of the year (in order; ``days``: how many days each sits), per sitting
    day (in order), each deputy's status (in the people's order): ``[session][day][deputy]``.

    A deputy mostly keeps their opening day's status through the session (one away on
    leave stays away); now and then a later day is drawn afresh.
    """
    r = rng(seed, slug, year, "attendance")
    sessions = []
    for count in days:
        first = _weighted(r, ATTENDANCE, deputies)
        later = [
            [s if r.random() < KEEP_STATUS else _weighted(r, ATTENDANCE)[0] for s in first]
            for _day in range(count - 1)
        ]
        sessions.append([first, *later])
    return sessions


def needs_two_thirds(title: str) -> bool:
    return title.startswith(TWO_THIRDS_TOPICS)


@dataclass(frozen=True)
class VotePlan:
    votes_for: int
    against: int
    abstentions: int
    not_voting: int


def _split(r, deputies: int, votes_for: int) -> VotePlan:
    rest = deputies - votes_for
    against = r.randint(0, rest)
    abstentions = r.randint(0, rest - against)
    return VotePlan(votes_for, against, abstentions, rest - against - abstentions)


def votes(seed: int, slug: str, year: int, deputies: int, two_thirds: list[bool]) -> list[VotePlan]:
    """The vote adopting each resolution of the year (in order): passing numbers."""
    r = rng(seed, slug, year, "votes")
    plans = []
    for flag in two_thirds:
        needed = votes_needed(deputies, flag)
        plans.append(_split(r, deputies, r.randint(max(needed, deputies - 2), deputies)))
    return plans


def failed_draft(seed: int, slug: str, year: int, deputies: int, sessions: int):
    """(index of the session, numbers) of the year's draft voted down, or None."""
    r = rng(seed, slug, year, "failed-draft")
    if r.random() >= FAILED_DRAFT_SHARE:
        return None
    needed = votes_needed(deputies)
    return r.randrange(sessions), _split(r, deputies, r.randint(max(0, needed - 3), needed - 1))


@dataclass(frozen=True)
class CasePlan:
    kind: str
    field: str
    summary: str
    status: str
    deadline: dt.date | None
    reply_date: dt.date | None
    citizen: str


@dataclass(frozen=True)
class ReceptionPlan:
    date: dt.date
    by_standing_committee: bool
    deputies: tuple[int, ...]  # indexes into the council's people
    citizens: int
    cases: tuple[CasePlan, ...]


def _day_in(year: int, r, count: int) -> list[dt.date]:
    """``count`` distinct days of ``year``, in order."""
    first = dt.date(year, 1, 2)
    return sorted(first + dt.timedelta(days=d) for d in r.sample(range(360), count))


def _citizen(r) -> str:
    gender = r.choice(("female", "male"))
    middle, given = r.choice(vocab.MIDDLE[gender]), r.choice(vocab.GIVEN[gender])
    return f"{r.choice(vocab.FAMILY)} {middle} {given}"


def receptions(seed: int, slug: str, year: int, deputies: int) -> list[ReceptionPlan]:
    """4–12 reception days on distinct days, a few cases each (distinct topics per day)."""
    r = rng(seed, slug, year, "reception")
    plans = []
    for day in _day_in(year, r, r.randint(*RECEPTION_DAYS)):
        cases = []
        for kind, field, summary in r.sample(vocab.CASE_TOPICS, r.randint(*CASES)):
            status = _weighted(r, CASE_STATUSES)[0]
            deadline = None if status == "guided" else day + dt.timedelta(days=r.randint(15, 60))
            reply = None
            if status in ("answered", "closed"):
                reply = day + dt.timedelta(days=r.randint(5, 75))  # some after the deadline
            cases.append(CasePlan(kind, field, summary, status, deadline, reply, _citizen(r)))
        present = tuple(sorted(r.sample(range(deputies), min(deputies, r.randint(1, 2)))))
        citizens = sum(r.randint(*CITIZENS_PER_CASE) for _c in cases)
        plans.append(ReceptionPlan(day, r.random() < 0.3, present, citizens, tuple(cases)))
    return plans


@dataclass(frozen=True)
class PetitionPlan:
    field: str
    content: str
    agency: int  # index into vocab.SUBJECTS[level]
    status: str
    forwarded_on: dt.date
    deadline: dt.date
    answer_date: dt.date | None
    re_supervise: bool


@dataclass(frozen=True)
class MeetingPlan:
    session: int | None  # index into the year's sessions; None: a thematic meeting
    timing: str
    offset: int  # days before the session opens, or after it closes
    deputies: tuple[int, ...]
    voters: int
    petitions: tuple[PetitionPlan, ...]


def meetings(seed: int, slug: str, year: int, deputies: int, sessions: int) -> list[MeetingPlan]:
    """2–4 meetings, each before or after a distinct session of the year (some thematic),
    with several petitions each (distinct topics per meeting)."""
    r = rng(seed, slug, year, "voters")
    count = min(sessions, r.randint(*MEETINGS))
    plans = []
    for index in sorted(r.sample(range(sessions), count)):
        timing = "thematic" if r.random() < 0.15 else r.choice(("before", "after"))
        present = tuple(sorted(r.sample(range(deputies), min(deputies, r.randint(2, 3)))))
        plans.append(
            MeetingPlan(
                None if timing == "thematic" else index,
                timing,
                r.randint(3, 15),
                present,
                r.randint(*VOTERS),
                tuple(_petitions(r)),
            )
        )
    return plans


def _petitions(r) -> list[tuple]:
    petitions = []
    for field, content in r.sample(vocab.PETITION_TOPICS, r.randint(*PETITIONS)):
        status = _weighted(r, PETITION_STATUSES)[0]
        forwarded = r.randint(3, 10)  # days after the meeting
        deadline = forwarded + r.randint(30, 90)
        answer = None if status == "pending" else forwarded + r.randint(10, 100)
        petitions.append((field, content, r.randrange(8), status, forwarded, deadline, answer,
                          r.random() < 0.1))  # fmt: skip
    return petitions


def meeting_day(plan: MeetingPlan, year: int, start: dt.date, end: dt.date, n: int) -> dt.date:
    """The meeting's day: before the session opens or after it closes, within the year;
    a thematic meeting mid-way between the session and the next month (``n`` spreads them)."""
    if plan.timing == "before":
        return max(dt.date(year, 1, 1), start - dt.timedelta(days=plan.offset))
    if plan.timing == "after":
        return min(dt.date(year, 12, 31), end + dt.timedelta(days=plan.offset))
    return min(dt.date(year, 12, 31 - n), end + dt.timedelta(days=plan.offset))


def petition_dates(petition: tuple, day: dt.date) -> PetitionPlan:
    """A planned petition with its days counted from the meeting's ``day``."""
    field, content, agency, status, forwarded, deadline, answer, again = petition
    after = lambda days: day + dt.timedelta(days=days)  # noqa: E731
    return PetitionPlan(field, content, agency, status, after(forwarded), after(deadline),
                        None if answer is None else after(answer), again)  # fmt: skip
