"""Insertion phase of the deputies' work (plan_work): attendance at every session, a vote
on every resolution (and now and then a draft voted down), citizen reception days with
their cases, meetings with voters with their petitions.

Attendance is one row per deputy and sitting day of every session (sessions.services.
sitting_days), as the attendance pages record it; the year's figures count the session
once per deputy, decided by its rows (sessions.attendance). The deputies present at a
reception day or a meeting are many-to-many rows, which keep no history (as in the
admin: the history keeps a record's own fields).
"""

from collections import defaultdict

from sessions.attendance import Attendance
from sessions.services import sitting_days
from sessions.votes import Vote
from voters.models import ReceptionCase, ReceptionDay, VoterMeeting, VoterPetition

from . import plan_work, vocab
from .plan import place


def build_work(build) -> None:
    by_council_year = defaultdict(list)  # (council id, year) → [(session, session plan)]
    for session, council, year, sp in build.sessions:
        by_council_year[council.pk, year].append((session, sp))
    rows = defaultdict(list)
    days, meetings = [], []  # (record, deputies present)
    for council in build.councils:
        level = "province" if council is build.province else "commune"
        people = len(build.deputies[build.terms[council.pk][0].pk])
        for year in build.years:
            held = by_council_year[council.pk, year]
            _attendance(build, council, year, held, people, rows)
            _votes(build, council, year, held, people, rows)
            days += _receptions(build, council, year, people)
            meetings += _meetings(build, council, year, held, people, level)
    build.insert(Attendance, rows[Attendance])
    build.insert(Vote, rows[Vote])
    build.insert(ReceptionDay, [day for day, _cases, _present in days])
    cases = [case for day, found, _present in days for case in _bind(found, "day_id", day)]
    build.insert(ReceptionCase, cases)
    build.insert(VoterMeeting, [meeting for meeting, _petitions, _present in meetings])
    petitions = [
        p for meeting, found, _present in meetings for p in _bind(found, "meeting_id", meeting)
    ]
    build.insert(VoterPetition, petitions)
    _present(ReceptionDay, "receptionday_id", days)
    _present(VoterMeeting, "votermeeting_id", meetings)


def _bind(children, field: str, parent) -> list:
    for child in children:
        setattr(child, field, parent.pk)
    return children


def _present(model, field: str, records) -> None:
    through = model.deputies.through
    links = [
        through(**{field: record.pk, "deputy_id": deputy.pk})
        for record, _children, present in records
        for deputy in present
    ]
    # figures: who was present is no figure; the records' own rows are counted.
    through.objects.bulk_create(links, batch_size=5000)


def _deputies(build, council, day):
    return build.deputies[build.term_for(council, day).pk]


def _attendance(build, council, year, held, people, rows) -> None:
    days = [sitting_days(session) for session, _sp in held]
    statuses = plan_work.attendance(build.seed, council.slug, year, [len(d) for d in days], people)
    for (session, _sp), sat, per_day in zip(held, days, statuses, strict=True):
        deputies = build.deputies[session.term_id]
        for day, row in zip(sat, per_day, strict=True):
            for n, (deputy, status) in enumerate(zip(deputies, row, strict=True)):
                reason = vocab.ABSENCE_REASONS[n % 3] if status == "excused" else ""
                rows[Attendance].append(
                    Attendance(session_id=session.pk, deputy_id=deputy.pk, sitting_day=day,
                               status=status, reason=reason)
                )  # fmt: skip


def _votes(build, council, year, held, people, rows) -> None:
    adopted = [r for session, _sp in held for r in build.resolutions[session.pk]]
    flags = [plan_work.needs_two_thirds(r.title) for r in adopted]
    numbers = plan_work.votes(build.seed, council.slug, year, people, flags)
    for resolution, flag, vp in zip(adopted, flags, numbers, strict=True):
        vote = _vote(vp, session_id=resolution.session_id, resolution_id=resolution.pk,
                     voted_on=resolution.adopted_on, two_thirds=flag, deputies=people)  # fmt: skip
        rows[Vote].append(vote)
    failed = plan_work.failed_draft(build.seed, council.slug, year, people, len(held))
    if failed:
        index, vp = failed
        session, sp = held[index]
        subject = "Dự thảo nghị quyết về điều chỉnh quy hoạch chung"
        vote = _vote(vp, session_id=session.pk, voted_on=sp.end, deputies=people, subject=subject)
        rows[Vote].append(vote)


def _vote(vp, **fields) -> Vote:
    return Vote(votes_for=vp.votes_for, votes_against=vp.against, abstentions=vp.abstentions,
                not_voting=vp.not_voting, **fields)  # fmt: skip


def _receptions(build, council, year, people) -> list:
    standing = build.bodies[council.pk][0]
    found = []
    for rp in plan_work.receptions(build.seed, council.slug, year, people):
        day = ReceptionDay(
            council_id=council.pk,
            body_id=standing.pk if rp.by_standing_committee else None,
            date=rp.date,
            place=f"Trụ sở tiếp công dân {place(council.name)}",
            citizens=rp.citizens,
        )
        cases = [
            ReceptionCase(
                kind=cp.kind,
                field=cp.field,
                summary=cp.summary,
                citizen_name=cp.citizen,
                forwarded_to="" if cp.status == "guided" else f"UBND {place(council.name)}",
                deadline=cp.deadline,
                status=cp.status,
                reply_date=cp.reply_date,
                reply_number=f"{10 + n}/UBND-TCD" if cp.reply_date else "",
                reply_summary="Đã xem xét, trả lời công dân" if cp.reply_date else "",
            )
            for n, cp in enumerate(rp.cases)
        ]
        deputies = _deputies(build, council, rp.date)
        found.append((day, cases, [deputies[i] for i in rp.deputies]))
    return found


def _meetings(build, council, year, held, people, level) -> list:
    agencies = vocab.SUBJECTS[level]
    found = []
    for n, mp in enumerate(plan_work.meetings(build.seed, council.slug, year, people, len(held))):
        session, sp = held[mp.session] if mp.session is not None else held[n % len(held)]
        day = plan_work.meeting_day(mp, year, sp.start, sp.end, n)
        meeting = VoterMeeting(
            council_id=council.pk,
            session_id=session.pk if mp.session is not None else None,
            timing=mp.timing,
            date=day,
            place=f"Nhà văn hóa khu dân cư số {n + 1}, {place(council.name)}",
            voters=mp.voters,
        )
        petitions = []
        for k, raw in enumerate(mp.petitions):
            pp = plan_work.petition_dates(raw, day)
            answered = pp.answer_date is not None
            petitions.append(
                VoterPetition(
                    field=pp.field,
                    content=pp.content,
                    agency=agencies[pp.agency % len(agencies)].format(place=place(council.name)),
                    forwarded_on=pp.forwarded_on,
                    deadline=pp.deadline,
                    status=pp.status,
                    answer_date=pp.answer_date,
                    answer_number=f"{20 + k}/UBND-VP" if answered else "",
                    answer_content="Tiếp thu, giải quyết theo thẩm quyền" if answered else "",
                    re_supervise=pp.re_supervise,
                )
            )
        deputies = _deputies(build, council, day)
        found.append((meeting, petitions, [deputies[i] for i in mp.deputies]))
    return found
