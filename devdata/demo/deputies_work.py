"""The demo's deputies' work of 2023 and 2024: attendance, votes, citizen reception,
meetings with voters and their petitions, and the agencies' responses.

Illustrative, all of it: the article names these tasks but gives no such records. The
patterns are fixed (no randomness), so a second run finds every row as it is. None of
it changes a figure the article gives (sessions, resolutions, oversight, awards).
"""

import datetime as dt

from councilwork.models import Deputy
from oversight.models import ActivityKind, OversightActivity, Recommendation
from sessions.models import Attendance, Resolution, RollCallVote, Session, Vote
from sessions.services import sitting_days, sitting_deputies
from voters.models import (
    CaseKind,
    CaseStatus,
    MeetingTiming,
    PetitionStatus,
    ReceptionCase,
    ReceptionDay,
    VoterMeeting,
    VoterPetition,
)

from .upsert import upsert

# A deputy elected to the district council mid-term (by-election): not expected before.
BY_ELECTION = ("Mai Xuân Bách", "male", dt.date(2023, 8, 1), "Phường Hải Thành")
EXCUSES = ["Đi công tác theo phân công", "Ốm, có đơn xin phép", "Dự lớp bồi dưỡng tập trung"]
# A draft the district council did not adopt at its thematic session of September 2023.
FAILED_DRAFT = "Dự thảo nghị quyết về điều chỉnh danh mục dự án chỉnh trang đô thị năm 2023"
FIELDS = ["Đất đai", "Trật tự xây dựng", "Môi trường", "Chính sách xã hội", "Hạ tầng giao thông"]
AGENCIES = ["UBND quận Dương Kinh", "Phòng Tài nguyên và Môi trường quận", "UBND phường"]
CASE_KINDS = [CaseKind.PETITION, CaseKind.COMPLAINT, CaseKind.REFLECTION, CaseKind.DENUNCIATION]
# Reception days: (year, month, day) for the district; the wards receive in other months.
DISTRICT_RECEPTION = [(2023, 3, 15), (2023, 6, 15), (2023, 9, 15), (2023, 12, 15), (2024, 3, 15)]
WARD_RECEPTION = [(2023, 4, 20), (2023, 10, 20), (2024, 4, 20)]


def _status(index: int) -> tuple[str, str]:
    """Mostly present in person; now and then online, excused, or absent without leave."""
    if index % 37 == 11:
        return "absent", ""
    if index % 17 == 5:
        return "excused", EXCUSES[index % len(EXCUSES)]
    if index % 9 == 4:
        return "online", ""
    return "in_person", ""


def _with_deputies(record, deputies) -> None:
    wanted = {deputy.pk for deputy in deputies}
    if set(record.deputies.values_list("pk", flat=True)) != wanted:
        record.deputies.set(wanted)


class DeputiesWorkSteps:
    """Steps for the records of the deputies' work, after the organisation and sessions."""

    def deputies_work(self):
        self.by_election()
        councils = [self.district, *self.wards.values()]
        for council in councils:
            self.attendance_2023(council)
        self.votes_2023()
        for council in councils:
            self.reception(council)
            self.voter_meetings(council)
        self.recommendations_followed()

    def by_election(self):
        name, gender, day, constituency = BY_ELECTION
        person = self._person(name, "Đại biểu HĐND quận", gender)
        upsert(
            Deputy,
            {"person": person, "term": self.terms["district"]},
            constituency=constituency,
            started_on=day,
        )

    def attendance_2023(self, council):
        index = 0
        for session in Session.objects.filter(council=council, start_date__year=2023).order_by(
            "start_date"
        ):
            for day in sitting_days(session):
                for deputy in sitting_deputies(session, day):
                    status, reason = _status(index)
                    index += 1
                    upsert(
                        Attendance,
                        {"session": session, "deputy": deputy, "sitting_day": day},
                        status=status,
                        reason=reason,
                    )

    def votes_2023(self):
        """The district's 2023 resolutions with their votes; one roll call; a failed draft."""
        resolutions = Resolution.objects.filter(
            council=self.district, adopted_on__year=2023
        ).select_related("session")
        for n, resolution in enumerate(resolutions.order_by("adopted_on", "number")):
            deputies = Deputy.objects.seated_on(self.district, resolution.adopted_on).count()
            against, abstentions = n % 2, (n // 3) % 2
            not_voting = 1 + n % 2
            vote = upsert(
                Vote,
                {"resolution": resolution},
                session=resolution.session,
                voted_on=resolution.adopted_on,
                deputies=deputies,
                votes_for=deputies - against - abstentions - not_voting,
                votes_against=against,
                abstentions=abstentions,
                not_voting=not_voting,
            )
            if n == 0:
                self._roll_call(vote)
        session = Session.objects.get(term=self.terms["district"], number=12)
        deputies = Deputy.objects.seated_on(self.district, session.start_date).count()
        upsert(
            Vote,
            {"session": session, "subject": FAILED_DRAFT},
            voted_on=session.start_date,
            deputies=deputies,
            votes_for=deputies // 2 - 1,
            votes_against=deputies // 2 - 2,
            abstentions=2,
            not_voting=deputies - (deputies // 2 - 1) - (deputies // 2 - 2) - 2,
        )

    def _roll_call(self, vote):
        choices = ["for"] * vote.votes_for + ["against"] * vote.votes_against
        choices += ["abstain"] * vote.abstentions + ["not_voting"] * vote.not_voting
        deputies = sitting_deputies(vote.session, vote.voted_on)
        for deputy, choice in zip(deputies, choices, strict=False):
            upsert(RollCallVote, {"vote": vote, "deputy": deputy}, choice=choice)

    def reception(self, council):
        plan = DISTRICT_RECEPTION if council == self.district else WARD_RECEPTION
        standing = self.standing["district" if council == self.district else council.slug]
        agency = council.name.replace("HĐND", "UBND")
        for n, (year, month, day_of_month) in enumerate(plan):
            day = dt.date(year, month, day_of_month)
            reception = upsert(
                ReceptionDay,
                {"council": council, "date": day},
                body=standing,
                place=f"Trụ sở tiếp công dân {agency}",
                citizens=4 + (n * 3 + len(council.slug)) % 9,
            )
            _with_deputies(reception, sitting_deputies_of(council, day)[:3])
            for c in range(1 + n % 3):
                self._case(reception, n * 3 + c, agency)

    def _case(self, reception, k, agency):
        kind = CASE_KINDS[k % len(CASE_KINDS)]
        deadline = reception.date + dt.timedelta(days=30)
        replied = k % 4 != 3  # every fourth case still awaits its reply
        reply = deadline - dt.timedelta(days=5) if replied else None
        upsert(
            ReceptionCase,
            {"day": reception, "summary": f"{kind.label}: {FIELDS[k % len(FIELDS)].lower()}"},
            kind=kind,
            field=FIELDS[k % len(FIELDS)],
            citizen_name=f"Công dân {reception.council.short_name} {k + 1:02d}",
            citizen_address=f"Tổ dân phố số {k % 7 + 1}, {reception.council.short_name}",
            citizen_contact=f"0912 000 {k + 100:03d}",
            forwarded_to=agency,
            deadline=deadline,
            reply_number=f"{k + 10}/UBND" if replied else "",
            reply_date=reply,
            reply_summary="Đã kiểm tra, giải quyết theo quy định" if replied else "",
            status=CaseStatus.ANSWERED if replied else CaseStatus.FORWARDED,
        )

    def voter_meetings(self, council):
        year_end = (
            Session.objects.filter(council=council, start_date__year=2023)
            .order_by("-start_date")
            .first()
        )
        meetings = [
            (MeetingTiming.BEFORE, year_end.start_date - dt.timedelta(days=7)),
            (MeetingTiming.AFTER, year_end.end_date + dt.timedelta(days=30)),  # January 2024
        ]
        for n, (timing, day) in enumerate(meetings):
            meeting = upsert(
                VoterMeeting,
                {"council": council, "date": day},
                session=year_end,
                timing=timing,
                place=f"Nhà văn hóa tổ dân phố số {n + 1}",
                voters=60 + (n * 25 + len(council.slug) * 7) % 90,
            )
            _with_deputies(meeting, sitting_deputies_of(council, day)[:4])
            for p in range(2 + n):
                self._petition(meeting, n * 3 + p)

    def _petition(self, meeting, k):
        forwarded = meeting.date + dt.timedelta(days=5)
        deadline = forwarded + dt.timedelta(days=45)
        status = [
            PetitionStatus.RESOLVED,
            PetitionStatus.ANSWERED,
            PetitionStatus.IN_PROGRESS,
            PetitionStatus.PENDING,
        ][k % 4]
        answered = status != PetitionStatus.PENDING
        field = FIELDS[k % len(FIELDS)]
        upsert(
            VoterPetition,
            {
                "meeting": meeting,
                "content": f"Cử tri đề nghị quan tâm giải quyết về {field.lower()}",
            },
            field=field,
            agency=AGENCIES[k % len(AGENCIES)],
            forwarded_on=forwarded,
            deadline=deadline,
            answer_number=f"{k + 40}/UBND" if answered else "",
            answer_date=deadline - dt.timedelta(days=10) if answered else None,
            answer_content="Đã trả lời bằng văn bản" if answered else "",
            status=status,
            re_supervise=status == PetitionStatus.IN_PROGRESS,
        )

    def recommendations_followed(self):
        """Two recommendations of the district's regular oversight: one still in progress
        past its deadline (overdue), one done on the agency's response."""
        activities = OversightActivity.objects.filter(
            council=self.district, kind=ActivityKind.REGULAR
        ).order_by("start_date")[:2]
        for n, activity in enumerate(activities):
            deadline = activity.end_date + dt.timedelta(days=60)
            done = n == 1
            upsert(
                Recommendation,
                {"activity": activity, "responsible_agency": activity.subject},
                content=f"Tiếp tục khắc phục các tồn tại qua {activity.title.lower()}",
                deadline=deadline,
                status="done" if done else "in_progress",
                completed_on=deadline if done else None,
                response_number=f"{n + 201}/UBND-VP" if done else "",
                response_date=deadline - dt.timedelta(days=3) if done else None,
                response_content="Báo cáo kết quả thực hiện kiến nghị" if done else "",
            )


def sitting_deputies_of(council, day):
    """The council's deputies seated on ``day`` (its term's), in name order."""
    term = council.terms.filter(start_date__lte=day, end_date__gte=day).first()
    return sitting_deputies(Session(term=term, council=council), day) if term else []
