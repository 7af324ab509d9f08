"""seed_bulk's deputies' work: volumes per council and year, and the year's figures
(year_summary --json) against counts made in plain Python from the plan alone."""

import json
from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.utils import timezone

from councilwork.models import Council
from devdata.bulk import plan, plan_work
from sessions.models import Attendance, Resolution, Session, Vote
from voters.models import ReceptionCase, ReceptionDay, VoterMeeting, VoterPetition

pytestmark = pytest.mark.django_db

OPTIONS = {"councils": 6, "years": 2, "seed": 5}
SEED = OPTIONS["seed"]
PRESENT = ("in_person", "online")
ANSWERED = ("answered", "in_progress", "resolved")


@pytest.fixture
def bulk():
    call_command("seed_bulk", **OPTIONS, stdout=StringIO())
    return list(Council.objects.filter(slug__startswith=plan.PREFIX).order_by("slug"))


def summary(slug: str, year: int) -> dict:
    out = StringIO()
    call_command("year_summary", str(year), "--council", slug, "--json", stdout=out)
    return json.loads(out.getvalue())


def sitting(sp) -> int:
    """How many days a planned session sits: its opening day to its close."""
    return (sp.end - sp.start).days + 1


def planned_attendance(slug: str, year: int, sessions: list, deputies: int) -> list:
    """[session][sitting day][deputy] statuses, one list of days per planned session."""
    days = [sitting(sp) for sp in sessions]
    return plan_work.attendance(SEED, slug, year, days, deputies)


def outcome(statuses: list[str]) -> str:
    """A deputy's session from their days: present on one, else excused on one, else absent."""
    if any(s in PRESENT for s in statuses):
        return "attended"
    return "excused" if "excused" in statuses else "absent"


def planned(slug: str, year: int, today) -> dict:
    """The work figures of one council's year, counted from the plan."""
    sessions = plan.sessions(SEED, slug, year)
    deputies = len(plan.people(SEED, slug).names)
    outcomes = [
        [outcome([day[d] for day in per_day]) for d in range(deputies)]
        for per_day in planned_attendance(slug, year, sessions, deputies)
    ]
    flat = Counter(o for row in outcomes for o in row)
    expected = len(sessions) * deputies
    always_absent = sum(all(row[d] == "absent" for row in outcomes) for d in range(deputies))
    adopted = sum(s.resolutions for s in sessions)
    failed = plan_work.failed_draft(SEED, slug, year, deputies, len(sessions))
    days = plan_work.receptions(SEED, slug, year, deputies)
    cases = [c for d in days for c in d.cases]
    petitions = []
    for n, mp in enumerate(plan_work.meetings(SEED, slug, year, deputies, len(sessions))):
        sp = sessions[mp.session if mp.session is not None else n % len(sessions)]
        day = plan_work.meeting_day(mp, year, sp.start, sp.end, n)
        petitions += [(mp, plan_work.petition_dates(p, day)) for p in mp.petitions]
    meetings = {id(mp): mp for mp, _p in petitions}
    return {
        "attendance": {
            "expected": expected,
            "attended": flat["attended"],
            "excused": flat["excused"],
            "absent": flat["absent"],
            "not_recorded": 0,
            "rate": round(100 * flat["attended"] / expected, 1),
            "absent_all_year": always_absent,
        },
        "votes": {
            "total": adopted + (failed is not None),
            "resolutions": adopted,
            "passed": adopted,
            "failed": int(failed is not None),
        },
        "citizen_reception": {
            "days": len(days),
            "citizens": sum(d.citizens for d in days),
            "cases": {
                "total": len(cases),
                **{k: sum(c.kind == k for c in cases) for k in
                   ("complaint", "denunciation", "petition", "reflection")},
            },
            "answered": sum(c.reply_date is not None for c in cases),
            "overdue": sum(c.status != "guided" and c.reply_date is None and c.deadline < today
                           for c in cases),
        },
        "voter_petitions": {
            "meetings": len(meetings),
            "voters": sum(mp.voters for mp in meetings.values()),
            "petitions": len(petitions),
            "answered": sum(p.status in ANSWERED for _m, p in petitions),
            "resolved": sum(p.status == "resolved" for _m, p in petitions),
            "overdue": sum(p.status == "pending" and p.deadline < today for _m, p in petitions),
        },
    }  # fmt: skip


def added(parts: list[dict]) -> dict:
    """The sum of several councils' planned figures (the level below), rate recomputed."""
    total = {}
    for key in ("attendance", "votes", "citizen_reception", "voter_petitions"):
        total[key] = {}
        for name, value in parts[0][key].items():
            if isinstance(value, dict):
                total[key][name] = {k: sum(p[key][name][k] for p in parts) for k in value}
            elif name != "rate":
                total[key][name] = sum(p[key][name] for p in parts)
    a = total["attendance"]
    a["rate"] = round(100 * a["attended"] / a["expected"], 1)
    return total


def test_the_year_figures_of_bulk_councils_equal_the_plan(bulk):
    today = timezone.localdate()
    provinces = [c for c in bulk if c.parent_id is None]
    for year in plan.years_for(OPTIONS["years"]):
        for province in provinces:
            wards = [c for c in bulk if c.parent_id == province.pk]
            got = summary(province.slug, year)
            assert {k: got[k] for k in planned(province.slug, year, today)} == planned(
                province.slug, year, today
            )
            want = added([planned(w.slug, year, today) for w in wards])
            below = got["below"]["commune"]
            assert {k: below[k] for k in want} == want
        ward = next(c for c in bulk if c.parent_id is not None)
        got, want = summary(ward.slug, year), planned(ward.slug, year, today)
        assert {k: got[k] for k in want} == want


def _per(queryset, field: str) -> list[int]:
    return list(queryset.values(field).annotate(n=Count("pk")).values_list("n", flat=True))


def test_the_volumes_are_plausible(bulk):
    councils = len(bulk) * OPTIONS["years"]
    sessions = Session.objects.filter(council__in=bulk)
    deputies = {c.pk: len(plan.people(SEED, c.slug).names) for c in bulk}
    # One row per deputy and sitting day, with the planned statuses; mostly present.
    rows = Attendance.objects.filter(session__in=sessions)
    statuses = Counter(rows.values_list("status", flat=True))
    want, places, changed = Counter(), 0, 0
    for council in bulk:
        for year in plan.years_for(OPTIONS["years"]):
            held = plan.sessions(SEED, council.slug, year)
            places += sum(sitting(sp) for sp in held) * deputies[council.pk]
            for per_day in planned_attendance(council.slug, year, held, deputies[council.pk]):
                want.update(status for day in per_day for status in day)
                # A later day that decides otherwise than the opening day's status alone.
                changed += sum(
                    outcome([day[d] for day in per_day]) != outcome([per_day[0][d]])
                    for d in range(deputies[council.pk])
                )
    assert rows.count() == places > sessions.count()
    assert statuses == want
    assert changed, "the plan has deputies whose later sitting days change their session"
    several = [s for s in sessions if s.end_date > s.start_date]
    assert several, "the plan has sessions of several days"
    for session in several[:5]:
        days = (session.end_date - session.start_date).days + 1
        per_day = Counter(rows.filter(session=session).values_list("sitting_day", flat=True))
        assert len(per_day) == days
        assert set(per_day.values()) == {deputies[session.council_id]}
    assert statuses["in_person"] > 0.8 * statuses.total()
    assert statuses["excused"] and statuses["online"]
    # A vote per resolution, passing; every vote counts all the council's deputies.
    resolutions = Resolution.objects.filter(session__in=sessions)
    votes = list(Vote.objects.filter(session__in=sessions).select_related("session"))
    assert sum(v.resolution_id is not None for v in votes) == resolutions.count()
    assert all(v.deputies == deputies[v.session.council_id] for v in votes)
    assert all(2 * v.votes_for > v.deputies for v in votes if v.resolution_id)
    assert all(2 * v.votes_for <= v.deputies for v in votes if v.resolution_id is None)
    days = ReceptionDay.objects.filter(council__in=bulk)
    years = OPTIONS["years"]
    assert all(4 * years <= n <= 12 * years for n in _per(days, "council"))
    assert set(_per(ReceptionCase.objects.filter(day__in=days), "day")) <= {1, 2, 3, 4}
    assert ReceptionCase.objects.filter(day__in=days).count() == sum(
        len(d.cases.all()) for d in days.prefetch_related("cases")
    )
    meetings = VoterMeeting.objects.filter(council__in=bulk)
    assert 2 * councils <= meetings.count() <= 4 * councils
    petitions = VoterPetition.objects.filter(meeting__in=meetings)
    assert set(_per(petitions, "meeting")) <= set(range(3, 9))
    assert {"pending", "answered", "resolved", "in_progress"} == set(
        petitions.values_list("status", flat=True)
    )
    assert petitions.overdue(timezone.localdate()).exists()
    assert all(m.deputies.count() >= 2 for m in meetings[:20])
