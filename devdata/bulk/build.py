"""Insertion phases: one province and its wards at a time, each in one transaction.

Instances are built in Python from the plan and inserted model by model in bulk
(``BulkWriter``); the ids that come back are what the next phase's rows point to.
No ``full_clean()`` per row: the plan only produces valid data, and the tests run
``full_clean()`` over a sample of every model's rows.
"""

import datetime as dt
import time
from collections import defaultdict

from django.db import reset_queries, transaction

from councilwork.models import (
    Body,
    BodyKind,
    Council,
    CouncilLevel,
    Deputy,
    Membership,
    MembershipRole,
    Person,
    Term,
)
from oversight.models import OversightActivity, Recommendation
from sessions.models import Resolution, Session

from . import plan, vocab
from .emulation import build_emulation
from .plan import place
from .remove import remove_bulk
from .work import build_work
from .writer import BulkWriter

ACTIVITY_TITLES = {
    "thematic": "Giám sát chuyên đề {topic}",
    "regular": "Giám sát {topic}",
    "survey": "Khảo sát {topic}",
    "interpellation": "Phiên chất vấn giữa hai kỳ họp về {topic}",
}
SESSIONS_PER_EARLIER_YEAR = 5  # numbers taken by a term's sessions before the first year


def seed_bulk(
    *, councils: int, years: int, seed: int, replace: bool, out=print, progress=None
) -> BulkWriter:
    """Build the whole tree; ``out`` receives the summary of a replacement, ``progress``
    (a councilwork.progress.Progress factory: total, unit) counts the councils built."""
    writer = BulkWriter()
    if replace:
        started = time.perf_counter()
        with transaction.atomic():
            removed = remove_bulk(writer)
        seconds = time.perf_counter() - started
        audited = sum(tally.history for tally in writer.deletions.values())
        out(
            f"Deleted {removed:,} rows of earlier bulk data and wrote {audited:,} "
            f"deletion history rows in {seconds:.1f} s"
        )
    provinces = plan.tree(councils, seed)
    year_list = plan.years_for(years)
    terms = plan.terms_for(year_list)
    shown = progress(sum(1 + len(p.wards) for p in provinces), "councils") if progress else None
    for province in provinces:
        ProvinceBuild(writer, seed, year_list, terms).run(province)
        reset_queries()  # with DEBUG on, Django keeps every INSERT's SQL with all its values
        if shown:
            shown.advance(1 + len(province.wards), note=f"{writer.rows():,} rows")
    if shown:
        shown.close()
    analyze(writer)
    return writer


def analyze(writer: BulkWriter) -> None:
    """Fresh planner statistics for every table the run filled (PostgreSQL).

    Autovacuum analyzes a table only some time after a bulk load; until then the
    planner reads the statistics of the empty tables the migrations analyzed and, for
    a common word, expects 7 matches of 90 000: the search then sorts every match
    instead of walking the date index. A loader that fills tables analyzes them.
    """
    from django.apps import apps
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    tables = set()
    for label in writer.tallies:
        model = apps.get_model(label)
        tables.add(model._meta.db_table)
        history = getattr(model, "history", None)
        if history is not None:
            tables.add(history.model._meta.db_table)
    # figures: ANALYZE writes planner statistics, no record the figures read.
    with connection.cursor() as cursor:
        for table in sorted(tables):
            cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")


class ProvinceBuild:
    """One province council, its wards and all their records."""

    def __init__(self, writer: BulkWriter, seed: int, years: list[int], terms):
        self.writer, self.seed, self.years, self.term_plans = writer, seed, years, terms
        self.terms: dict[int, list[Term]] = {}
        self.bodies: dict[int, list[Body]] = {}
        self.leaders: dict[int, str] = {}  # body id → its leader's name
        self.deputies: dict[int, list[Deputy]] = defaultdict(list)  # term id → people's order
        self.sessions: list[tuple] = []  # (session, council, year, plan), in the plan's order
        self.resolutions: dict[int, list[Resolution]] = defaultdict(list)  # by session id

    def run(self, province: plan.ProvincePlan) -> None:
        with transaction.atomic():
            self.build_councils(province)
            self.build_organisation()
            self.build_sessions()
            self.build_oversight()
            build_work(self)
            build_emulation(self)

    def insert(self, model, objs: list) -> list:
        return self.writer.insert(model, objs)

    def build_councils(self, province) -> None:
        self.province = self.insert(
            Council,
            [
                Council(
                    slug=province.slug,
                    name=province.name,
                    short_name=province.short_name,
                    level=CouncilLevel.PROVINCE,
                )
            ],
        )[0]
        wards = [
            Council(
                slug=ward.slug,
                name=ward.name,
                short_name=ward.short_name,
                level=CouncilLevel.COMMUNE,
                parent_id=self.province.pk,
            )
            for ward in province.wards
        ]
        self.wards = self.insert(Council, wards)
        self.councils = [self.province, *self.wards]

    def build_organisation(self) -> None:
        terms = [
            Term(council_id=c.pk, name=t.name, start_date=t.start, end_date=t.end)
            for c in self.councils
            for t in self.term_plans
        ]
        self.insert(Term, terms)
        width = len(self.term_plans)
        for i, council in enumerate(self.councils):
            self.terms[council.pk] = terms[i * width : (i + 1) * width]
        staffing = {c.pk: plan.people(self.seed, c.slug) for c in self.councils}
        bodies = []
        for council in self.councils:
            kinds = [
                (BodyKind.STANDING_COMMITTEE, f"Thường trực {council.name}"),
                *((BodyKind.COMMITTEE, f"{ban} {council.name}") for ban in vocab.COMMITTEES),
                *(
                    (BodyKind.DEPUTY_GROUP, f"Tổ đại biểu số {g}")
                    for g in range(1, staffing[council.pk].groups + 1)
                ),
            ]
            self.bodies[council.pk] = [
                Body(council_id=council.pk, kind=k, name=n) for k, n in kinds
            ]
            bodies.extend(self.bodies[council.pk])
        self.insert(Body, bodies)
        self.build_people(staffing)

    def build_people(self, staffing) -> None:
        people: dict[int, list[Person]] = {}
        taken: set[str] = set()  # a province's people have distinct names (see distinct_name)
        for council in self.councils:
            posts = [
                f"Chủ tịch {council.name}",
                f"Phó Chủ tịch {council.name}",
                *(f"Trưởng {ban} {council.name}" for ban in vocab.COMMITTEES),
            ]
            people[council.pk] = [
                Person(
                    full_name=plan.distinct_name(name, gender, taken),
                    gender=gender,
                    position=posts[i] if i < 4 else "",
                )
                for i, (name, gender) in enumerate(staffing[council.pk].names)
            ]
        self.insert(Person, [p for council in self.councils for p in people[council.pk]])
        deputies, seats = [], []
        for council in self.councils:
            groups, bodies = staffing[council.pk].groups, self.bodies[council.pk]
            for i, person in enumerate(people[council.pk]):
                self.leaders.setdefault(bodies[_leads(i, groups)].pk, person.full_name)
            for term in self.terms[council.pk]:
                current = term is self.terms[council.pk][-1]
                for i, person in enumerate(people[council.pk]):
                    unit = (i - 4) % groups + 1 if i >= 4 else i % groups + 1
                    deputy = Deputy(
                        person_id=person.pk,
                        term_id=term.pk,
                        constituency=f"Đơn vị bầu cử số {unit}",
                    )
                    deputies.append(deputy)
                    self.deputies[term.pk].append(deputy)
                    for body_index, role in _seats(i, groups):
                        seats.append((deputy, bodies[body_index], role, term, current))
        self.insert(Deputy, deputies)
        memberships = [
            Membership(
                deputy_id=deputy.pk,
                body_id=body.pk,
                role=role,
                start_date=term.start_date,
                end_date=None if current else term.end_date,
            )
            for deputy, body, role, term, current in seats
        ]
        self.insert(Membership, memberships)

    def term_for(self, council, day: dt.date) -> Term:
        return next(t for t in self.terms[council.pk] if t.start_date <= day <= t.end_date)

    def build_sessions(self) -> None:
        sessions, plans = [], []
        for council in self.councils:
            numbers: dict[int, int] = {}
            for year in self.years:
                for sp in plan.sessions(self.seed, council.slug, year):
                    term = self.term_for(council, sp.start)
                    if term.pk not in numbers:  # sessions the term held before the first year
                        earlier = max(0, self.years[0] - term.start_date.year)
                        numbers[term.pk] = earlier * SESSIONS_PER_EARLIER_YEAR
                    numbers[term.pk] += 1
                    number = numbers[term.pk]
                    kind = " chuyên đề" if sp.kind == "thematic" else ""
                    sessions.append(
                        Session(
                            council_id=council.pk,
                            term_id=term.pk,
                            number=number,
                            kind=sp.kind,
                            title=f"Kỳ họp thứ {number}{kind}, {council.name} khóa {term.name}",
                            start_date=sp.start,
                            end_date=sp.end,
                            paperless=sp.paperless,
                            location=f"Hội trường UBND {place(council.name)}",
                        )
                    )
                    plans.append((council, year, sp))
        self.insert(Session, sessions)
        self.sessions = [(s, *p) for s, p in zip(sessions, plans, strict=True)]
        resolutions, numbers = [], defaultdict(int)
        for session, (council, year, sp) in zip(sessions, plans, strict=True):
            for _r in range(sp.resolutions):
                numbers[council.pk, year] += 1
                number = numbers[council.pk, year]
                topic = vocab.RESOLUTION_TOPICS[
                    (number * 5 + sp.start.toordinal()) % len(vocab.RESOLUTION_TOPICS)
                ]
                resolutions.append(
                    Resolution(
                        council_id=council.pk,
                        session_id=session.pk,
                        number=number,
                        adopted_on=sp.end,
                        title=topic.format(year=year, next=year + 1, prev=year - 1),
                    )
                )
        self.insert(Resolution, resolutions)
        for resolution in resolutions:
            self.resolutions[resolution.session_id].append(resolution)

    def build_oversight(self) -> None:
        activities, followups = [], []
        for council in self.councils:
            bodies = self.bodies[council.pk]
            level = "province" if council is self.province else "commune"
            for year in self.years:
                for ap in plan.activities(
                    self.seed, council.slug, year, bodies=len(bodies), level=level
                ):
                    activity = OversightActivity(
                        council_id=council.pk,
                        conducted_by_id=None if ap.conductor is None else bodies[ap.conductor].pk,
                        kind=ap.kind,
                        title=ACTIVITY_TITLES[ap.kind].format(topic=ap.topic),
                        subject=ap.subject.format(place=place(council.name)),
                        start_date=ap.start,
                        end_date=ap.end,
                        findings=ap.findings,
                    )
                    activities.append(activity)
                    if ap.recommendation:
                        followups.append((activity, *ap.recommendation))
        self.insert(OversightActivity, activities)
        recommendations = [
            Recommendation(
                activity_id=activity.pk,
                content=f"Khắc phục các tồn tại, hạn chế được chỉ ra qua {activity.title.lower()}",
                responsible_agency=activity.subject,
                deadline=deadline,
                status=status,
                completed_on=done_on,
                # A recommendation is done only with the agency's response on record.
                response_number=f"{100 + n % 900}/BC-UBND" if done_on else "",
                response_date=done_on,
                response_content="Báo cáo kết quả khắc phục" if done_on else "",
            )
            for n, (activity, status, deadline, done_on) in enumerate(followups)
        ]
        self.insert(Recommendation, recommendations)


def _seats(i: int, groups: int) -> list[tuple[int, str]]:
    """Person i's places: (index into the council's bodies, role).

    Bodies are [standing committee, committee 1, committee 2, deputy groups...].
    0 chairs and 1 vice-chairs the standing committee; 2 and 3 head the committees
    and sit on the standing committee; the others form the deputy groups.
    """
    if i < 2:
        return [(0, MembershipRole.CHAIR if i == 0 else MembershipRole.VICE_CHAIR)]
    if i < 4:
        return [(i - 1, MembershipRole.HEAD), (0, MembershipRole.MEMBER)]
    group, rank = (i - 4) % groups, (i - 4) // groups
    roles = (MembershipRole.GROUP_LEADER, MembershipRole.DEPUTY_GROUP_LEADER)
    return [(3 + group, roles[rank] if rank < len(roles) else MembershipRole.MEMBER)]


def _leads(i: int, groups: int) -> int:
    """The body person i leads or, for a member, the body they sit in."""
    return _seats(i, groups)[0][0]
