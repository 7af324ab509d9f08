"""Council trees for the figure tests, built through the models' validation as the admin does.

Every record is validated (``full_clean``) and saved, and is also kept in the tree's plain
lists (councils by key, sessions with their resolutions' dates, activities, awards, pledges,
deputy seats). The tests count the expected figures from those lists alone, never from the
database, so they can judge what the app reports.
"""

import datetime as dt
import itertools
from collections import Counter
from dataclasses import dataclass, field

from awards.models import Award, AwardDecision
from campaigns.models import Campaign, Pledge
from councilwork.models import Body, Council, Deputy, Person, Term
from oversight.models import OversightActivity
from sessions.models import Resolution, Session

D = dt.date
SESSION_KINDS = ("regular", "thematic")
# "interpellation" is between two sessions; one at a session is counted apart.
ACTIVITY_KINDS = ("thematic", "regular", "survey", "interpellation", "interpellation_at_session")
BODY_KINDS = ("standing_committee", "committee", "deputy_group")
LEVELS = ("district", "commune")
OLD_TERM = (D(2021, 1, 1), D(2026, 6, 30))
# Decision numbers: unique however many trees (with the same names) a test module builds.
DECISION_NUMBERS = itertools.count(1)
# Names as the secretariat types them: diacritics, quotes, ampersands, angle brackets.
BODY_NAMES = {
    "standing_committee": "Thường trực HĐND",
    "committee": 'Ban Kinh tế – Ngân sách "KT&NS"',
    "deputy_group": "Tổ đại biểu số 1 <Đông & Tây>",
}


def saved(obj):
    """Validate as the admin does, then save."""
    obj.full_clean()
    obj.save()
    return obj


@dataclass
class Place:
    key: str
    slug: str
    level: str
    parent: str | None
    established_on: dt.date | None
    dissolved_on: dt.date | None
    obj: Council
    term: Term
    bodies: dict

    def exists_on(self, day: dt.date) -> bool:
        return (self.established_on is None or self.established_on <= day) and (
            self.dissolved_on is None or day <= self.dissolved_on
        )

    def existed_in(self, year: int) -> bool:
        return (self.established_on is None or self.established_on <= D(year, 12, 31)) and (
            self.dissolved_on is None or self.dissolved_on >= D(year, 1, 1)
        )


@dataclass
class Sitting:
    council: str
    kind: str
    start: dt.date
    obj: Session
    resolutions: list = field(default_factory=list)  # adoption dates
    documents: list = field(default_factory=list)  # tests.oracle_digital.Doc


@dataclass
class Activity:
    council: str
    kind: str
    start: dt.date
    obj: OversightActivity


@dataclass
class Granted:
    decided_by: str
    year: int
    recipient: tuple  # ("council", key) | ("body", key, kind) | ("person", person)
    obj: Award


@dataclass
class Signed:
    campaign_council: str
    campaign_year: int
    body_council: str
    body_kind: str
    obj: Pledge


class Tree:
    """The records of one council tree, in the database and in plain lists."""

    def __init__(self, prefix: str):
        self.prefix = prefix
        self.places: dict[str, Place] = {}
        self.sittings: list[Sitting] = []
        self.activities: list[Activity] = []
        self.granted: list[Granted] = []
        self.signed: list[Signed] = []
        self.seats: list[tuple[str, str, dt.date, dt.date]] = []  # person, council, term
        self.people: dict[str, Person] = {}
        self.campaigns: dict[tuple[str, int], Campaign] = {}
        self.session_numbers: Counter = Counter()
        self.counter = 0  # resolution numbers, unique across the tree

    def slug(self, key: str) -> str:
        return self.places[key].slug

    def council(self, key, name, level, parent=None, established_on=None, dissolved_on=None,
                term=OLD_TERM):  # fmt: skip
        slug = f"{self.prefix}-{key}"
        parent_obj = self.places[parent].obj if parent else None
        obj = saved(Council(name=name, short_name=name.removeprefix("HĐND "), slug=slug,
                            level=level, parent=parent_obj, established_on=established_on,
                            dissolved_on=dissolved_on))  # fmt: skip
        start = max(term[0], established_on or term[0])
        term_obj = saved(Term(council=obj, name="2021–2026", start_date=start, end_date=term[1]))
        bodies = {
            kind: saved(Body(council=obj, kind=kind, name=BODY_NAMES[kind])) for kind in BODY_KINDS
        }
        place = Place(key, slug, level, parent, established_on, dissolved_on, obj, term_obj, bodies)
        self.places[key] = place
        return place

    def succeed(self, key: str, successor: str) -> None:
        self.places[key].obj.successor = self.places[successor].obj
        saved(self.places[key].obj)

    def session(self, key, kind, start, end=None, resolutions=(), paperless=False) -> Sitting:
        place = self.places[key]
        self.session_numbers[place.term.pk] += 1
        number = self.session_numbers[place.term.pk]
        title = f'Kỳ họp thứ {number} "{kind}" & <{place.obj.short_name}>'
        obj = saved(Session(council=place.obj, term=place.term, number=number, kind=kind,
                            title=title, start_date=start, end_date=end or start,
                            paperless=paperless))  # fmt: skip
        sitting = Sitting(key, kind, start, obj)
        self.sittings.append(sitting)
        for day in resolutions:
            self.resolution(sitting, day)
        return sitting

    def resolution(self, sitting: Sitting, day: dt.date, title: str = "") -> Resolution:
        self.counter += 1
        title = title or f"Về “đất đai & <nhà ở>” số {self.counter}"
        obj = saved(
            Resolution(session=sitting.obj, number=self.counter, adopted_on=day, title=title)
        )
        sitting.resolutions.append(day)
        return obj

    def activity(self, key, kind, start, end=None, by=None) -> Activity:
        place = self.places[key]
        title = f'Giám sát "{kind}" về <an toàn> & trật tự – {place.obj.short_name}'
        obj = saved(OversightActivity(council=place.obj, conducted_by=place.bodies.get(by),
                                      kind=kind, title=title, start_date=start,
                                      end_date=end or start))  # fmt: skip
        self.activities.append(Activity(key, kind, start, obj))
        return self.activities[-1]

    def person(self, key: str, name: str, *seats: str) -> Person:
        """A person with a deputy seat in the current term of each council in ``seats``."""
        self.people[key] = saved(Person(full_name=name))
        for council in seats:
            self.seat(key, self.places[council].term)
        return self.people[key]

    def seat(self, person: str, term: Term) -> None:
        saved(Deputy(person=self.people[person], term=term))
        key = next(k for k, p in self.places.items() if p.obj.pk == term.council_id)
        self.seats.append((person, key, term.start_date, term.end_date))

    def decision(self, key, year, decided_on, kind="giay_khen") -> AwardDecision:
        place = self.places[key]
        return saved(
            AwardDecision(council=place.obj, year=year, kind=kind,
                          number=f"{next(DECISION_NUMBERS):02d}/QĐ-UBND", decision_date=decided_on,
                          issuing_authority=f"UBND {place.obj.short_name}")
        )  # fmt: skip

    def award(self, decision: AwardDecision, council=None, body=None, person=None) -> Award:
        """One certificate: to a council (key), a body ((council key, kind)) or a person."""
        if council:
            fields, recipient = (
                {"recipient_council": self.places[council].obj},
                ("council", council),
            )
        elif body:
            fields = {"recipient_body": self.places[body[0]].bodies[body[1]]}
            recipient = ("body", *body)
        else:
            fields, recipient = {"recipient_person": self.people[person]}, ("person", person)
        achievement = "Hoàn thành xuất sắc & <tiêu biểu>"
        obj = saved(Award(decision=decision, achievement=achievement, **fields))
        decided_by = next(k for k, p in self.places.items() if p.obj.pk == decision.council_id)
        self.granted.append(Granted(decided_by, decision.year, recipient, obj))
        return obj

    def pledge(self, campaign_key, year, body_key, kind, signed_on) -> Pledge:
        if (campaign_key, year) not in self.campaigns:
            campaign = Campaign(council=self.places[campaign_key].obj, year=year, theme="Đổi mới")
            self.campaigns[campaign_key, year] = saved(campaign)
        body = self.places[body_key].bodies[kind]
        obj = saved(
            Pledge(campaign=self.campaigns[campaign_key, year], body=body, signed_on=signed_on)
        )
        self.signed.append(Signed(campaign_key, year, body_key, kind, obj))
        return obj

    def pattern(self, key: str, year: int, v: int) -> None:
        """A few records of ``key`` in ``year`` on its first and last days and across its ends.

        ``v`` varies the mix so councils differ; records on days the council did not
        exist (or, for sessions, outside its term) are left out.
        """
        place = self.places[key]

        def held(kind, start, end=None, days=(), **extra):
            within = place.term.covers(start) and place.term.covers(end or start)
            if within and place.exists_on(start) and place.exists_on(end or start):
                self.session(key, kind, start, end, resolutions=days or (start,), **extra)

        def checked(kind, start, end=None, by=None):
            if place.exists_on(start) and place.exists_on(end or start):
                self.activity(key, kind, start, end, by)

        jan1, dec30, dec31 = D(year, 1, 1), D(year, 12, 30), D(year, 12, 31)
        kinds = len(ACTIVITY_KINDS)
        held("regular", jan1, days=(jan1,) * (1 + v % 2))
        if v % 2 == 0:
            held("thematic", D(year, 6, 15), paperless=True)
        if v % 3 != 1:
            held("thematic", dec31)
        if v % 2 == 1:  # opened this year, one resolution adopted next year
            held("regular", dec30, D(year + 1, 1, 2), days=(dec30, D(year + 1, 1, 2)))
        if v % 3 == 2:  # opened last year, its resolution adopted this year
            held("regular", D(year - 1, 12, 30), D(year, 1, 2), days=(D(year, 1, 2),))
            checked(ACTIVITY_KINDS[v % kinds], D(year - 1, 12, 28), D(year, 1, 3))
        for i in range(1 + v % 3):
            day = jan1 if i == 0 else D(year, 4 + i, 10)
            checked(ACTIVITY_KINDS[(v + i) % kinds], day, by=BODY_KINDS[i % 3])
        checked(ACTIVITY_KINDS[(v + 2) % kinds], dec31, D(year + 1, 1, 5))
