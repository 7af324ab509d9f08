"""The deputies' work for the oracle trees, and the plain count of its year's figures.

``add_work`` gives a tree (tests/oracle_trees.py) attendance at its sittings, votes on
its resolutions and on drafts, reception days with cases and meetings with voters with
petitions, each validated (``full_clean``) and saved as the admin does, and kept in the
tree's plain list ``tree.work``. ``work`` counts the figures from those lists alone. A
tree without ``add_work`` (tests/test_figures_oracle.py) has expected places and zeros.

The mixes, by a record's place in the tree's lists:
- attendance: each seat expected at a sitting is present in person, online, absent with
  leave, absent without leave or not recorded, in turn; a council's first seat is absent
  without leave from every sitting of odd years (the law's ground for dismissal);
- votes: every resolution is voted by 30 deputies, 16 or more for (more than half); every
  fourth needs two thirds and has exactly 20; drafts voted down: 15 of 30 (majority
  missed by one) and 19 of 30 on a two-thirds draft;
- reception days on 1 March (+v) and 31 December (the deadline falls next year), each with
  a complaint forwarded and unanswered (overdue), a denunciation answered in time, a
  petition guided on the spot and a reflection settled after its deadline;
- meetings with voters in May and on 31 December, each with petitions pending past the
  deadline (overdue), pending with no deadline, answered, being resolved and resolved.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from councilwork.models import Deputy
from sessions.models import Attendance, Vote
from voters.models import ReceptionCase, ReceptionDay, VoterMeeting, VoterPetition

D = dt.date
TODAY = timezone.localdate  # the app's "overdue" is on the current date too
DEPUTIES = 30
STATUSES = ("in_person", "online", "excused", "absent", None)  # None: not recorded
ANSWERED = ("answered", "in_progress", "resolved")


def saved(obj):
    obj.full_clean()
    obj.save()
    return obj


@dataclass
class Work:
    attendance: list = field(default_factory=list)  # (council, opened, person, status)
    votes: list = field(default_factory=list)  # (council, voted on, for, two thirds, adopted)
    days: list = field(default_factory=list)  # (council, date, citizens, [case tuples])
    meetings: list = field(default_factory=list)  # (council, date, voters, [petition tuples])


def add_work(built):
    """Give ``built`` (tree, years) its deputies' work; returns ``built``."""
    tree, years = built
    tree.work = Work()
    _attendance(tree)
    _votes(tree)
    for v, (key, place) in enumerate(tree.places.items()):
        for year in years:
            if year > TODAY().year:  # the empty future year stays empty
                continue
            for day in (D(year, 3, 1 + v % 28), D(year, 12, 31)):
                if place.exists_on(day):
                    _reception(tree, key, day, v)
            for day in (D(year, 5, 20), D(year, 12, 31)):
                if place.exists_on(day):
                    _meeting(tree, key, day, v)
    return built


def _attendance(tree) -> None:
    turn = 0
    for sitting in tree.sittings:
        place = tree.places[sitting.council]
        seats = [s for s in tree.seats if s[1] == sitting.council and s[2] <= sitting.start <= s[3]]
        for j, (person, council, start, _end) in enumerate(seats):
            if j == 0 and sitting.start.year % 2 == 1:
                status = "absent"
            else:
                turn += 1
                status = STATUSES[turn % len(STATUSES)]
            if status is None:
                continue
            deputy = Deputy.objects.get(
                person=tree.people[person], term__council=place.obj, term__start_date=start
            )
            reason = "Đi công tác" if status == "excused" else ""
            saved(Attendance(session=sitting.obj, deputy=deputy, sitting_day=sitting.start,
                             status=status, reason=reason))  # fmt: skip
            tree.work.attendance.append((council, sitting.start, person, status))


def _votes(tree) -> None:
    k = 0
    for i, sitting in enumerate(tree.sittings):
        for resolution in sitting.obj.resolutions.order_by("number"):
            k += 1
            two_thirds = k % 4 == 3
            votes_for = 20 if two_thirds else 16 + k % 10
            _vote(tree, sitting, votes_for, two_thirds, resolution=resolution)
        if i % 3 < 2:  # a draft voted down: by one vote, or short of two thirds
            two_thirds = i % 3 == 1
            votes_for = 19 if two_thirds else 15
            _vote(tree, sitting, votes_for, two_thirds, subject=f"Dự thảo “số {i}” & <bị bác>",
                  voted_on=sitting.start)  # fmt: skip


def _vote(tree, sitting, votes_for, two_thirds, **fields) -> None:
    vote = saved(Vote(session=sitting.obj, deputies=DEPUTIES, votes_for=votes_for,
                      votes_against=DEPUTIES - votes_for - 1, abstentions=1, not_voting=0,
                      two_thirds=two_thirds, **fields))  # fmt: skip
    adopted = vote.resolution_id is not None
    tree.work.votes.append((sitting.council, vote.voted_on, votes_for, two_thirds, adopted))


def _reception(tree, key, day, v) -> None:
    where = f"Trụ sở “tiếp dân” & <{day:%d/%m}>"
    record = saved(
        ReceptionDay(council=tree.places[key].obj, date=day, place=where, citizens=3 + v)
    )
    later = lambda days: day + dt.timedelta(days=days)  # noqa: E731
    # (kind, status, deadline, reply date)
    cases = [
        ("complaint", "forwarded", later(10), None),
        ("denunciation", "answered", later(15), later(5)),
        ("petition", "guided", None, None),
        ("reflection", "closed", later(10), later(20)),
    ]
    for kind, status, deadline, reply in cases:
        saved(ReceptionCase(day=record, kind=kind, field="Đất đai & <nhà ở>", summary="Nội dung",
                            citizen_name="Công dân Riêng Tư", status=status, deadline=deadline,
                            forwarded_to="" if status == "guided" else "UBND",
                            reply_date=reply, reply_number="1/UBND" if reply else ""))  # fmt: skip
    tree.work.days.append((key, day, 3 + v, cases))


def _meeting(tree, key, day, v) -> None:
    where = f"Nhà văn hóa “{key}” & <{day:%d/%m}>"
    record = saved(VoterMeeting(council=tree.places[key].obj, timing="thematic", date=day,
                                place=where, voters=50 + v))  # fmt: skip
    later = lambda days: day + dt.timedelta(days=days)  # noqa: E731
    # (status, deadline, answer date)
    petitions = [
        ("pending", later(30), None),
        ("pending", None, None),
        ("answered", later(30), later(20)),
        ("in_progress", later(30), later(40)),
        ("resolved", later(30), later(25)),
    ]
    for n, (status, deadline, answer) in enumerate(petitions):
        saved(VoterPetition(meeting=record, field="Hạ tầng", content=f"Kiến nghị {n}",
                            agency="UBND", status=status, deadline=deadline, answer_date=answer,
                            answer_number="2/UBND" if answer else ""))  # fmt: skip
    tree.work.meetings.append((key, day, 50 + v, petitions))


def _passes(votes_for: int, deputies: int, two_thirds: bool) -> bool:
    # More than half of all the deputies; at least two thirds where the vote needs them.
    return 3 * votes_for >= 2 * deputies if two_thirds else 2 * votes_for > deputies


def work(tree, keys: set, year: int) -> dict:
    """The work figures of the councils ``keys`` in ``year``, from the tree's plain lists."""
    rows = getattr(tree, "work", None) or Work()
    today = TODAY()
    opened = [s for s in tree.sittings if s.council in keys and s.start.year == year]
    places = [
        (s.start, person, council)
        for s in opened
        for person, council, start, end in tree.seats
        if council == s.council and start <= s.start <= end
    ]
    marks = [r for r in rows.attendance if r[0] in keys and r[1].year == year]
    outcome = {status: sum(r[3] == status for r in marks) for status in STATUSES[:4]}
    attended = outcome["in_person"] + outcome["online"]
    seats = {(person, council) for _day, person, council in places}
    always_absent = [
        seat
        for seat in seats
        if sum((p, c) == seat for _d, p, c in places)
        == sum((r[2], r[0]) == seat and r[3] == "absent" for r in marks)
    ]
    votes = [v for v in rows.votes if v[0] in keys and v[1].year == year]
    passed = sum(_passes(v[2], DEPUTIES, v[3]) for v in votes)
    days = [d for d in rows.days if d[0] in keys and d[1].year == year]
    cases = [c for d in days for c in d[3]]
    meetings = [m for m in rows.meetings if m[0] in keys and m[1].year == year]
    petitions = [p for m in meetings for p in m[3]]
    return {
        "attendance": {
            "expected": len(places),
            "attended": attended,
            "excused": outcome["excused"],
            "absent": outcome["absent"],
            "not_recorded": len(places) - len(marks),
            "rate": round(100 * attended / len(places), 1) if places else None,
            "absent_all_year": len(always_absent),
        },
        "votes": {
            "total": len(votes),
            "resolutions": sum(v[4] for v in votes),
            "passed": passed,
            "failed": len(votes) - passed,
        },
        "citizen_reception": {
            "days": len(days),
            "citizens": sum(d[2] for d in days),
            "answered": sum(c[3] is not None for c in cases),
            "overdue": sum(c[1] != "guided" and c[3] is None and c[2] < today for c in cases),
            "cases": {
                "total": len(cases),
                **{kind: sum(c[0] == kind for c in cases)
                   for kind in ("complaint", "denunciation", "petition", "reflection")},
            },
        },
        "voter_petitions": {
            "meetings": len(meetings),
            "voters": sum(m[2] for m in meetings),
            "petitions": len(petitions),
            "answered": sum(p[0] in ANSWERED for p in petitions),
            "resolved": sum(p[0] == "resolved" for p in petitions),
            "overdue": sum(p[0] == "pending" and p[1] is not None and p[1] < today
                           for p in petitions),
        },
        "recommendations": {"made": 0, "done": 0, "overdue": 0},
    }  # fmt: skip
