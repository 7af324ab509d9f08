"""Builds the Dương Kinh demo from devdata.demo.data, idempotently.

Every row goes through ``upsert``: found by its natural key, updated, validated with
``full_clean()`` (the same rules as the admin) and saved. Running it twice leaves the
same rows with the same keys.
"""

import datetime as dt

from django.db import transaction

from campaigns.models import (
    CampaignStatus,
)
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
from councilwork.roles import Role
from councilwork.services import user_upsert
from oversight.models import ActivityKind, OversightActivity, Recommendation
from sessions.models import Resolution, Session

from . import data
from .deputies_work import DeputiesWorkSteps
from .documents import session_documents
from .dossier import DossierSteps
from .emulation import EmulationSteps
from .upsert import upsert


class DemoBuilder(EmulationSteps, DossierSteps, DeputiesWorkSteps):
    """Builds the demo step by step; each step relies only on the ones before it."""

    def __init__(self):
        self.people_made = 0
        self.wards: dict[str, Council] = {}
        self.terms: dict[str, Term] = {}
        self.standing: dict[str, Body] = {}
        self.committees: list[Body] = []
        self.groups: list[Body] = []
        self.ward_committees: dict[str, list[Body]] = {}

    @transaction.atomic
    def build(self) -> dict[str, str]:
        self.councils()
        self.users = self.logins()
        self.bodies_and_deputies()
        self.sessions_and_resolutions()
        session_documents(self.district)
        self.oversight()
        campaign_2023 = self.campaign(2023, data.THEME, data.LAUNCH_2023, CampaignStatus.CLOSED)
        self.scorecards_2023(campaign_2023)
        self.pledges(campaign_2023, data.LAUNCH_2023)
        self.awards()
        self.dossier_2023(campaign_2023)
        campaign_2024 = self.campaign(2024, data.THEME, data.CONFERENCE_DAY, CampaignStatus.OPEN)
        self.pledges(campaign_2024, data.CONFERENCE_DAY)
        self.ward_drafts(campaign_2024)
        self.deputies_work()
        return {username: role for username, role, *_rest in data.DEMO_USERS}

    # Organisation -----------------------------------------------------------------

    def councils(self):
        self.district = upsert(
            Council,
            {"slug": data.DISTRICT["slug"]},
            name=data.DISTRICT["name"],
            short_name=data.DISTRICT["short_name"],
            level=CouncilLevel.DISTRICT,
            parent=None,
        )
        self.terms["district"] = self._term(self.district)
        for slug, short_name in data.WARDS:
            ward = upsert(
                Council,
                {"slug": slug},
                name=f"HĐND phường {short_name}",
                short_name=short_name,
                level=CouncilLevel.COMMUNE,
                parent=self.district,
            )
            self.wards[slug] = ward
            self.terms[slug] = self._term(ward)

    def _term(self, council):
        return upsert(
            Term,
            {"council": council, "start_date": data.TERM["start_date"]},
            name=data.TERM["name"],
            end_date=data.TERM["end_date"],
        )

    def _person(self, full_name=None, position="", gender=""):
        if full_name is None:
            full_name, gender = data.illustrative_name(self.people_made)
            self.people_made += 1
        return upsert(Person, {"full_name": full_name}, position=position, gender=gender)

    def _seat(self, person, term, body, role, constituency=""):
        deputy = upsert(Deputy, {"person": person, "term": term}, constituency=constituency)
        upsert(
            Membership,
            {"deputy": deputy, "body": body, "start_date": term.start_date},
            role=role,
        )
        return deputy

    def bodies_and_deputies(self):
        district, term = self.district, self.terms["district"]
        standing = upsert(
            Body,
            {"council": district, "name": "Thường trực HĐND quận Dương Kinh"},
            kind=BodyKind.STANDING_COMMITTEE,
        )
        self.standing["district"] = standing
        for full_name, position, gender in (data.CHAIR, data.VICE_CHAIR):
            role = MembershipRole.CHAIR if data.CHAIR[0] == full_name else MembershipRole.VICE_CHAIR
            self._seat(self._person(full_name, position, gender), term, standing, role)
        for name in data.COMMITTEES:
            committee = upsert(
                Body,
                {"council": district, "name": f"{name} HĐND quận"},
                kind=BodyKind.COMMITTEE,
            )
            self.committees.append(committee)
            head = self._person(position=f"Trưởng {name.lower()} HĐND quận")
            self._seat(head, term, committee, MembershipRole.HEAD)
            self._seat(head, term, standing, MembershipRole.MEMBER)
            self._seat(self._person(), term, committee, MembershipRole.DEPUTY_HEAD)
        for number, (_slug, ward_name) in enumerate(data.WARDS[: data.DEPUTY_GROUP_COUNT], 1):
            group = upsert(
                Body,
                {"council": district, "name": f"Tổ đại biểu số {number}"},
                kind=BodyKind.DEPUTY_GROUP,
            )
            self.groups.append(group)
            constituency = f"Phường {ward_name}"
            self._seat(self._person(), term, group, MembershipRole.GROUP_LEADER, constituency)
            for _member in range(2):
                self._seat(self._person(), term, group, MembershipRole.MEMBER, constituency)
        for slug, ward in self.wards.items():
            self._ward_bodies(slug, ward)

    def _ward_bodies(self, slug, ward):
        term = self.terms[slug]
        standing = upsert(
            Body,
            {"council": ward, "name": f"Thường trực HĐND phường {ward.short_name}"},
            kind=BodyKind.STANDING_COMMITTEE,
        )
        self.standing[slug] = standing
        self._seat(self._person(position="Chủ tịch HĐND phường"), term, standing, "chair")
        self._seat(self._person(position="Phó Chủ tịch HĐND phường"), term, standing, "vice_chair")
        self.ward_committees[slug] = [
            upsert(
                Body,
                {"council": ward, "name": f"{name} HĐND phường {ward.short_name}"},
                kind=BodyKind.COMMITTEE,
            )
            for name in data.COMMITTEES
        ]

    # Sessions, resolutions, oversight ------------------------------------------------

    def sessions_and_resolutions(self):
        self._sessions(self.district, self.terms["district"], data.DISTRICT_SESSIONS)
        for slug, ward in self.wards.items():
            plan = [s for s in data.WARD_SESSIONS if s[1] == "regular"]
            if slug == data.THEMATIC_SESSION_WARD:
                # Its thematic session adopts one resolution; the year-end one, one fewer.
                thematic = next(s for s in data.WARD_SESSIONS if s[1] == "thematic")
                year_end = plan[1]
                plan = [plan[0], thematic, (*year_end[:4], year_end[4] - 1)]
            numbered = [(i, *rest) for i, (_n, *rest) in enumerate(plan, start=8)]
            self._sessions(ward, self.terms[slug], numbered)

    def _sessions(self, council, term, plan):
        number = 0
        for session_number, kind, start, end, resolutions in plan:
            session = upsert(
                Session,
                {"term": term, "number": session_number},
                council=council,
                kind=kind,
                title=f"Kỳ họp thứ {session_number}, nhiệm kỳ {term.name}",
                start_date=start,
                end_date=end,
                paperless=True,
                location=f"Hội trường {council.name.replace('HĐND', 'UBND')}",
            )
            for _i in range(resolutions):
                number += 1
                topic = data.RESOLUTION_TOPICS[(number - 1) % len(data.RESOLUTION_TOPICS)]
                upsert(
                    Resolution,
                    {"council": council, "number": number, "adopted_on": end},
                    session=session,
                    adopted_on=end,
                    title=topic,
                )

    def oversight(self):
        plan = [(kind, n) for kind, n in data.DISTRICT_OVERSIGHT.items()]
        conductors = [self.standing["district"], *self.committees, *self.groups]
        self._activities(self.district, plan, conductors)
        for slug, ward in self.wards.items():
            ward_plan = list(data.WARD_OVERSIGHT[slug].items())
            self._activities(ward, ward_plan, [self.standing[slug], *self.ward_committees[slug]])

    def _activities(self, council, plan, conductors):
        total = sum(count for _kind, count in plan)
        index = 0
        for kind, count in plan:
            for _i in range(count):
                topic = data.OVERSIGHT_TOPICS[index % len(data.OVERSIGHT_TOPICS)]
                conductor = conductors[index % len(conductors)]
                if kind == ActivityKind.INTERPELLATION:
                    conductor = conductors[0]
                    title = f"Phiên chất vấn giữa hai kỳ họp về {topic}"
                else:
                    title = f"Giám sát {topic}"
                # Spread over February to November 2023.
                start = dt.date(2023, 2 + index * 10 // total, 3 + (index * 7) % 20)
                activity = upsert(
                    OversightActivity,
                    {"council": council, "title": title, "start_date": start},
                    kind=kind,
                    conducted_by=conductor,
                    subject=council.name.replace("HĐND", "UBND"),
                    end_date=start + dt.timedelta(days=2 if kind == "thematic" else 0),
                )
                if kind == ActivityKind.THEMATIC:
                    self._recommendation(activity, start)
                index += 1

    def _recommendation(self, activity, start):
        deadline = start + dt.timedelta(days=90)
        upsert(
            Recommendation,
            {"activity": activity, "responsible_agency": activity.subject},
            content=f"Khắc phục các tồn tại, hạn chế được chỉ ra qua {activity.title.lower()}",
            deadline=deadline,
            status="done",
            completed_on=deadline - dt.timedelta(days=10),
            # Illustrative: the agency's report that the recommendation is carried out.
            response_number=f"{activity.start_date:%m%d}/BC-UBND",
            response_date=deadline - dt.timedelta(days=12),
            response_content="Báo cáo kết quả khắc phục các tồn tại, hạn chế theo kiến nghị",
        )

    def logins(self) -> dict:
        """The demo logins, one per role, by username."""
        made = {}
        for username, role, slug, first, last in [*data.DEMO_USERS, data.DEMO_CLERK]:
            council = self.wards[slug] if slug else None
            password = None if username == data.DEMO_CLERK[0] else data.DEMO_PASSWORD
            user, _created = user_upsert(
                username=username,
                role=Role(role),
                council=council,
                password=password,
                full_name=f"{last} {first}",
            )
            made[username] = user
        return made
