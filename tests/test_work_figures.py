"""The deputies' work in the year's figures: the demo's rows counted in plain Python.

year_summary --json, the page (tests/test_summary_page.py checks it shows the JSON's
figures), the drill-down lists and the narrative against counts written out here over
the demo's rows of 2023: the district's own and its wards'.
"""

import datetime as dt
import re

import pytest
from django.db import transaction
from django.utils import timezone

from councilwork.models import Council
from oversight.models import Recommendation
from reports.selectors import year_summary
from sessions.models import Vote
from tests.oracle_shapes import SHAPES
from tests.oracle_trees import LEVELS
from tests.oracle_work import add_work, work
from tests.test_attendance import _oracle as plain_attendance
from tests.test_figures_oracle import below
from tests.test_figures_oracle import summary_json as tree_json
from tests.test_voters import _plain_petitions, _plain_reception
from tests.test_year_summary import summary_json

pytestmark = pytest.mark.django_db


def _months_before(day: dt.date, months: int) -> dt.date:
    month = day.month - months
    year = day.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, 28))


def plain_recommendations(places, year, today):
    rows = [
        r
        for r in Recommendation.objects.select_related("activity")
        if r.activity.council in places and r.activity.start_date.year == year
    ]
    overdue = [
        r
        for r in rows
        if r.status != "done"
        and ((r.deadline and r.deadline < today) or r.activity.end_date < _months_before(today, 6))
    ]
    return {
        "made": len(rows),
        "done": sum(r.status == "done" for r in rows),
        "overdue": len(overdue),
    }


def plain_votes(places, year):
    votes = [
        v for v in Vote.objects.all() if v.session.council in places and v.voted_on.year == year
    ]
    # More than half of all the council's deputies (two thirds where flagged).
    passed = [
        v
        for v in votes
        if v.votes_for * (3 if v.two_thirds else 2) > v.deputies * (2 if v.two_thirds else 1)
        or (v.two_thirds and 3 * v.votes_for == 2 * v.deputies)
    ]
    return {
        "total": len(votes),
        "resolutions": sum(v.resolution_id is not None for v in votes),
        "passed": len(passed),
        "failed": len(votes) - len(passed),
    }


def test_the_demos_deputies_work_matches_plain_counts(district):
    wards = list(Council.objects.filter(parent=district))
    today = timezone.localdate()
    got = summary_json("2023")
    below = got["below"]["commune"]
    for place, mine in (([district], got), (wards, below)):
        assert mine["attendance"] == plain_attendance(place, 2023)
        assert mine["citizen_reception"] == _plain_reception(place, 2023, today)
        assert mine["voter_petitions"] == _plain_petitions(place, 2023, today)
        assert mine["recommendations"] == plain_recommendations(place, 2023, today)
        assert mine["votes"] == plain_votes(place, 2023)
    # The demo's district: 38 resolutions, each voted and passed, and one draft that failed.
    assert got["votes"] == {"total": 39, "resolutions": 38, "passed": 38, "failed": 1}
    assert got["attendance"]["expected"] > 0 and below["citizen_reception"]["days"] > 0


def _listed(client, year, dataset, **params) -> int:
    html = client.get(f"/summary/{year}/records/{dataset}/", params).content.decode()
    found = re.search(r'class="record-count"[^>]*>\s*(\d+)', html)
    return int(found[1]) if found else len(re.findall(r'class="record-row"', html))


@pytest.mark.parametrize(
    ("dataset", "kind", "figure"),
    [
        ("attendance", "attended", "attendance.attended"),
        ("attendance", "absent", "attendance.absent"),
        ("votes", "", "votes.total"),
        ("votes", "failed", "votes.failed"),
        ("reception_days", "", "citizen_reception.days"),
        ("cases", "", "citizen_reception.cases.total"),
        ("cases", "overdue", "citizen_reception.overdue"),
        ("voter_meetings", "", "voter_petitions.meetings"),
        ("petitions", "answered", "voter_petitions.answered"),
        ("recommendations", "done", "recommendations.done"),
    ],
)
def test_each_list_holds_as_many_rows_as_its_figure(leader_client, dataset, kind, figure):
    got = summary_json("2023")
    for scope, figures in (("own", got), ("below", got["below"]["commune"])):
        value = figures
        for part in figure.split("."):
            value = value[part]
        params = {"council": "duong-kinh", "scope": scope, **({"kind": kind} if kind else {})}
        assert _listed(leader_client, 2023, dataset, **params) == value, (scope, figure)


def test_no_list_shows_a_citizens_personal_data(leader_client):
    from voters.models import ReceptionCase

    names = [c.citizen_name for c in ReceptionCase.objects.exclude(citizen_name="")]
    assert names
    for scope in ("own", "below"):
        html = leader_client.get(
            "/summary/2023/records/cases/", {"council": "duong-kinh", "scope": scope}
        ).content.decode()
        assert not any(name in html for name in names)


def test_the_narrative_says_the_reception_and_the_petitions(district):
    summary = year_summary(council=district, year=2023)
    reception = summary.figures.citizen_reception
    petitions = summary.figures.voter_petitions
    text = " ".join(summary.narrative)
    assert f"tổ chức {reception['days']:02d} buổi tiếp công dân" in text
    assert f"tiếp {reception['citizens']:02d} lượt công dân" in text
    assert f"tổng hợp {petitions['petitions']:02d} kiến nghị cử tri" in text


# The oracle trees with the deputies' work (tests/oracle_work.py) -------------------------


@pytest.fixture(scope="module")
def work_trees(django_db_setup, django_db_blocker):
    """Every tree shape with its deputies' work, built once for the module (rolled back)."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield {name: add_work(build(f"wk{n}")) for n, (name, build) in enumerate(SHAPES.items())}
        transaction.set_rollback(True)


@pytest.mark.parametrize("shape", ["province-district-commune", "province-after-2025", "districts"])
def test_every_work_figure_of_the_trees_matches_the_plain_count(work_trees, shape):
    tree, years = work_trees[shape]
    assert tree.work.attendance and tree.work.votes and tree.work.days and tree.work.meetings
    keys = ("attendance", "votes", "citizen_reception", "voter_petitions", "recommendations")
    compared, seen = 0, set()
    for key in tree.places:
        for year in years:
            got = tree_json(tree.slug(key), year)
            assert {k: got[k] for k in keys} == work(tree, {key}, year), (key, year)
            levels = {}
            for level in LEVELS:
                places = [p for p in below(tree, key) if p.level == level and p.existed_in(year)]
                if places:
                    levels[level] = work(tree, {p.key for p in places}, year)
            assert set(got["below"]) == set(levels), (key, year)
            for level, want in levels.items():
                assert {k: got["below"][level][k] for k in keys} == want, (key, year, level)
            compared += 1
            seen |= {name for name, value in _flat({k: got[k] for k in keys}).items() if value}
    assert compared == len(tree.places) * len(years)
    # Not a comparison of zeros: every kind of figure is met somewhere in the tree.
    for name in ("attendance.not_recorded", "attendance.absent_all_year", "attendance.excused",
                 "votes.failed", "votes.passed", "citizen_reception.overdue",
                 "citizen_reception.cases.reflection", "voter_petitions.overdue",
                 "voter_petitions.resolved"):  # fmt: skip
        assert name in seen, name


def _flat(data: dict, prefix: str = "") -> dict:
    flat = {}
    for name, value in data.items():
        if isinstance(value, dict):
            flat.update(_flat(value, f"{prefix}{name}."))
        else:
            flat[prefix + name] = value
    return flat
