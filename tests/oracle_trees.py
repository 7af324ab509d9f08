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

from django.db import transaction

from awards.models import Award, AwardDecision
from campaigns.models import Campaign, Pledge
from councilwork.models import Body, Council, Deputy, Person, Term
from oversight.models import OversightActivity
from sessions.models import Resolution, Session
from tests.oracle_digital import add_documents

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


def province_districts_communes(prefix: str = "or1") -> tuple[Tree, tuple[int, ...]]:
    """Before 2025: a province over 02 districts over 03 communes each."""
    t = Tree(prefix)
    t.council("p", 'HĐND thành phố "Cảng & Biển" <Hải>', "province")
    for d in (1, 2):
        t.council(f"d{d}", f"HĐND quận Đồ Sơn {d}", "district", parent="p")
        for c in (1, 2, 3):
            t.council(f"d{d}c{c}", f"HĐND phường Ngọc Xuyên {d}.{c}", "commune", parent=f"d{d}")
    for v, key in enumerate(list(t.places)):
        t.pattern(key, 2023, v)
    for v, key in enumerate(("p", "d1", "d1c1", "d2c3")):
        t.pattern(key, 2024, v + 1)
    t.activity("d1", "interpellation_at_session", D(2023, 7, 10))  # at its mid-year session
    t.activity("d1c2", "interpellation_at_session", D(2023, 12, 20))
    t.person("a", "Nguyễn Thị “Hà” & <Bé>", "d1")
    t.person("b", "Trần Văn Ánh", "p")
    t.person("c", "Lê Đức O'Toàn", "d1c1", "d2")
    t.person("e", "Phạm Thị Ếch")  # not a deputy anywhere
    t.person("f", "Hoàng Văn Cũ")
    t.seat("f", saved(Term(council=t.places["d1"].obj, name="2016–2021",
                           start_date=D(2016, 1, 1), end_date=D(2020, 12, 31))))  # fmt: skip
    late = t.decision("p", 2023, D(2024, 1, 15))  # decided the following year
    for recipient in ({"council": "d1"}, {"body": ("d2", "committee")},
                      {"body": ("d1c1", "standing_committee")}, {"person": "a"},
                      {"person": "e"}, {"person": "f"}):  # fmt: skip
        t.award(late, **recipient)
    higher = t.decision("p", 2023, D(2023, 12, 31), kind="bang_khen")
    t.award(higher, person="a")
    t.award(higher, person="b")
    district = t.decision("d1", 2023, D(2024, 2, 1))
    t.award(district, body=("d1c1", "standing_committee"))
    t.award(district, person="c")
    t.award(district, person="a")
    t.award(t.decision("p", 2022, D(2023, 1, 10)), council="d2")  # a 2022 award decided in 2023
    for body, kind in (("p", "committee"), ("d1", "standing_committee"),
                       ("d1c1", "standing_committee"), ("d2c2", "deputy_group")):  # fmt: skip
        t.pledge("p", 2024, body, kind, D(2023, 12, 20))
    for body, kind in (("d1", "committee"), ("d1", "deputy_group"), ("d1c1", "standing_committee"),
                       ("d1c2", "standing_committee")):  # fmt: skip
        t.pledge("d1", 2024, body, kind, D(2024, 1, 1))
    t.pledge("p", 2023, "d2c1", "standing_committee", D(2022, 12, 30))
    t.pledge("p", 2025, "d2", "deputy_group", D(2025, 1, 2))
    return t, (2021, 2022, 2023, 2024)


def province_after_reorganisation(prefix: str = "or2") -> tuple[Tree, tuple[int, ...]]:
    """A province whose 02 districts and their wards end on 30/06/2025, with 03 new communes."""
    t = Tree(prefix)
    end, start = D(2025, 6, 30), D(2025, 7, 1)
    t.council("p", "HĐND tỉnh Đắk & Lắk", "province")
    for d in (1, 2):
        t.council(f"d{d}", f'HĐND huyện "Krông {d}"', "district", parent="p", dissolved_on=end)
        for w in (1, 2):
            t.council(f"d{d}w{w}", f"HĐND xã Ea Tu {d}.{w}", "commune", parent=f"d{d}",
                      dissolved_on=end)  # fmt: skip
    for n in (1, 2, 3):
        t.council(f"n{n}", f"HĐND phường Buôn Ma Thuột <{n}>", "commune", parent="p",
                  established_on=start, term=(start, D(2031, 6, 30)))  # fmt: skip
    for old, new in (("d1", "n1"), ("d1w1", "n1"), ("d1w2", "n1"), ("d2", "n2"), ("d2w1", "n2"),
                     ("d2w2", "n3")):  # fmt: skip
        t.succeed(old, new)
    for v, key in enumerate(list(t.places)):
        t.pattern(key, 2024, v)
        t.pattern(key, 2025, v + 1)
    for v, key in enumerate(("p", "n1", "n2", "n3")):
        t.pattern(key, 2026, v + 2)
    t.session("d1w1", "regular", end, resolutions=(end,))  # the last day of the old wards
    t.activity("d2", "interpellation", end)
    t.session("n1", "thematic", start, resolutions=(start, start))  # the first day of the new
    t.activity("n2", "survey", start)
    t.activity("n1", "interpellation_at_session", start)  # at its first session
    t.person("q", "Y Đăk “Ông” & Niê", "d1", "n1")
    t.person("r", "H'Hen Niê", "n1")
    t.person("s", "Đinh Thị Sáu", "d2w1")
    reorganised = t.decision("p", 2025, D(2026, 1, 20))
    for recipient in ({"council": "n1"}, {"council": "d1"},
                      {"body": ("d1w1", "standing_committee")},
                      {"person": "q"}, {"person": "r"}, {"person": "s"}):  # fmt: skip
        t.award(reorganised, **recipient)
    t.award(t.decision("n1", 2025, D(2025, 12, 31)), person="r")
    before = t.decision("p", 2024, D(2025, 1, 15), kind="bang_khen")
    t.award(before, council="d1")
    t.award(before, body=("d2", "committee"))
    t.award(before, person="q")
    for body, kind in (("d1", "standing_committee"), ("d1w1", "standing_committee"),
                       ("d2", "deputy_group")):  # fmt: skip
        t.pledge("p", 2025, body, kind, D(2024, 12, 31))
    for body, kind in (("p", "committee"), ("n1", "standing_committee"),
                       ("n2", "standing_committee"), ("n3", "committee")):  # fmt: skip
        t.pledge("p", 2026, body, kind, D(2025, 12, 30))
    t.pledge("n1", 2026, "n1", "deputy_group", D(2026, 1, 1))
    return t, (2023, 2024, 2025, 2026, 2027, 2030)


def districts_alone_and_with_wards(prefix: str = "or3") -> tuple[Tree, tuple[int, ...]]:
    """A district with no councils below, and a district whose wards change in 2023."""
    t = Tree(prefix)
    t.council("solo", "HĐND huyện Bạch Long Vĩ", "district")
    t.council("d", 'HĐND quận "Hồng Bàng" & <Lê Chân>', "district")
    t.council("w1", "HĐND phường Hoàng Văn Thụ", "commune", parent="d")
    t.council("w2", "HĐND phường Minh Khai", "commune", parent="d", dissolved_on=D(2023, 9, 30))
    t.council(
        "w3", "HĐND phường Phan Bội Châu", "commune", parent="d", established_on=D(2023, 3, 1)
    )
    t.succeed("w2", "w1")
    for v, key in enumerate(list(t.places)):
        for year in (2022, 2023, 2024):
            t.pattern(key, year, v + year)
    t.session("w2", "thematic", D(2023, 9, 30), resolutions=(D(2023, 9, 30),))
    t.activity("w3", "interpellation", D(2023, 3, 1))
    t.activity("solo", "interpellation_at_session", D(2023, 7, 12))
    t.activity("w1", "interpellation_at_session", D(2023, 7, 14))
    t.person("x", "Vũ Thị Xuân “Em”", "d", "w1")
    t.person("y", "Đỗ Yên & Bình", "w3")
    t.person("z", "Ngô Văn Z <solo>", "solo")
    ward_year = t.decision("d", 2023, D(2024, 1, 10))
    for recipient in ({"council": "w1"}, {"body": ("w2", "standing_committee")}, {"person": "x"},
                      {"person": "y"}, {"body": ("d", "deputy_group")}):  # fmt: skip
        t.award(ward_year, **recipient)
    t.award(t.decision("d", 2023, D(2023, 12, 31), kind="danh_hieu"), person="x")
    solo = t.decision("solo", 2023, D(2023, 12, 29))
    t.award(solo, body=("solo", "committee"))
    t.award(solo, person="z")
    t.award(t.decision("solo", 2024, D(2025, 2, 1)), person="z")
    for body, kind in (("w1", "standing_committee"), ("w3", "standing_committee"),
                       ("d", "committee"), ("d", "deputy_group")):  # fmt: skip
        t.pledge("d", 2024, body, kind, D(2023, 12, 15))
    t.pledge("solo", 2024, "solo", "committee", D(2024, 1, 5))
    t.pledge("d", 2023, "w2", "standing_committee", D(2022, 12, 30))
    return t, (2022, 2023, 2024, 2030)


SHAPES = {
    "province-district-commune": province_districts_communes,
    "province-after-2025": province_after_reorganisation,
    "districts": districts_alone_and_with_wards,
}


def built_once(django_db_blocker):
    """Every shape built once for a test module, inside a transaction rolled back after it.

    Each test's own changes roll back to this state (its savepoint nests inside), as with
    ``TestCase.setUpTestData``; the trees must only be read.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        yield {name: add_documents(build()) for name, build in SHAPES.items()}
        transaction.set_rollback(True)
