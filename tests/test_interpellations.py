"""Interpellations at a session (chất vấn tại kỳ họp) and between two sessions (chất vấn
giữa hai kỳ họp): recorded as two kinds, counted apart everywhere the figures show.

"interpellation" keeps the meaning every existing record has (between two sessions); the
demo's district holds one of those in 2023, and these tests add interpellations at
sessions beside it and count what they added from their own lists.
"""

import datetime as dt
import io
import json
from pathlib import Path

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse
from docx import Document

from oversight.models import OversightActivity
from tests.test_figures_oracle import admin_form, page_figures, record_count

pytestmark = pytest.mark.django_db

YEAR = 2023
# The demo's 2023 oversight (tests/test_year_summary.py: SEED_FIGURES_2023).
DISTRICT = {"total": 22, "interpellation": 1, "interpellation_at_session": 0}
WARDS = {"total": 31, "interpellation": 0, "interpellation_at_session": 0}
# What each test adds: (council slug, day) of each interpellation at a session.
AT_SESSIONS = [
    ("duong-kinh", dt.date(YEAR, 7, 12)),
    ("duong-kinh", dt.date(YEAR, 12, 20)),
    ("anh-dung", dt.date(YEAR, 7, 20)),
]


@pytest.fixture
def at_sessions(district, ward_a):
    councils = {"duong-kinh": district, "anh-dung": ward_a}
    for slug, day in AT_SESSIONS:
        activity = OversightActivity(
            council=councils[slug],
            kind="interpellation_at_session",
            title=f"Chất vấn và trả lời chất vấn tại kỳ họp ngày {day:%d/%m}",
            subject="UBND về quản lý đất đai",
            start_date=day,
            end_date=day,
        )
        activity.full_clean()
        activity.save()
    return AT_SESSIONS


def _added(slug: str | None) -> int:
    """How many of AT_SESSIONS are the district's (slug) or the wards' (None)."""
    return sum((s == slug) if slug else (s != "duong-kinh") for s, _day in AT_SESSIONS)


def test_year_summary_json_counts_the_two_kinds_apart(at_sessions):
    out = io.StringIO()
    call_command("year_summary", str(YEAR), "--json", stdout=out)
    figures = json.loads(out.getvalue())
    own, wards = figures["council_oversight"], figures["below"]["commune"]["oversight"]
    district, below = _added("duong-kinh"), _added(None)
    assert own["interpellation"] == DISTRICT["interpellation"]
    assert own["interpellation_at_session"] == district
    assert own["total"] == DISTRICT["total"] + district
    assert wards["interpellation_at_session"] == below
    assert wards["interpellation"] == WARDS["interpellation"]
    assert wards["total"] == WARDS["total"] + below


def test_the_page_shows_both_figures_and_their_lists(at_sessions, secretariat_client):
    page = page_figures(secretariat_client, "duong-kinh", YEAR)
    assert page["council_oversight.interpellation_at_session"] == [_added("duong-kinh")]
    assert page["council_oversight.interpellation"] == [DISTRICT["interpellation"]]
    assert page["below.commune.oversight.interpellation_at_session"] == [_added(None)]
    lists = {
        ("own", "interpellation_at_session"): _added("duong-kinh"),
        ("own", "interpellation"): DISTRICT["interpellation"],
        ("below", "interpellation_at_session"): _added(None),
    }
    for (scope, kind), count in lists.items():
        params = {"scope": scope, "kind": kind}
        params.update({"level": "commune"} if scope == "below" else {})
        assert record_count(secretariat_client, YEAR, "oversight", "duong-kinh", **params) == count
    listed = secretariat_client.get(
        f"/summary/{YEAR}/records/oversight/",
        {"council": "duong-kinh", "scope": "own", "kind": "interpellation_at_session"},
    ).content.decode()
    assert "Chất vấn và trả lời chất vấn tại kỳ họp ngày 12/07" in listed
    between = OversightActivity.objects.get(council__slug="duong-kinh", kind="interpellation")
    assert between.title not in listed


def test_figures_xlsx_and_report_docx_carry_them(at_sessions, secretariat_client):
    params = {"council": "duong-kinh"}
    content = secretariat_client.get(f"/summary/{YEAR}/figures.xlsx", params).content
    rows = list(openpyxl.load_workbook(io.BytesIO(content))["Tổng hợp"].iter_rows(values_only=True))
    own = [row for row in rows if row[0] == "Giám sát, khảo sát của HĐND"]
    values = {row[1]: row[2] for row in own}
    assert values["Số phiên chất vấn tại kỳ họp"] == _added("duong-kinh")
    assert values["Số phiên chất vấn giữa hai kỳ họp"] == DISTRICT["interpellation"]
    response = secretariat_client.get(f"/summary/{YEAR}/report.docx", params)
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert f"{_added('duong-kinh'):02d} phiên chất vấn tại kỳ họp" in text
    assert f"{DISTRICT['interpellation']:02d} phiên chất vấn giữa hai kỳ họp" in text


def test_the_admin_names_and_filters_the_kinds_in_vietnamese(at_sessions, secretariat_client):
    url = reverse("admin:oversight_oversightactivity_changelist")
    page = secretariat_client.get(url).content.decode()
    assert "Phiên chất vấn tại kỳ họp" in page and "Phiên chất vấn giữa hai kỳ họp" in page
    filtered = secretariat_client.get(url, {"kind": "interpellation_at_session"})
    assert filtered.context["cl"].result_count == len(AT_SESSIONS)
    # The add form explains which kind to choose.
    form = secretariat_client.get(reverse("admin:oversight_oversightactivity_add"))
    assert "Phiên chất vấn tại kỳ họp" in form.content.decode()
    assert "giữa hai kỳ họp chọn" in form.content.decode()


def test_an_activity_changed_through_the_admin_moves_the_figures(secretariat_client, district):
    between = OversightActivity.objects.get(council=district, kind="interpellation")
    url = reverse("admin:oversight_oversightactivity_change", args=[between.pk])
    page_figures(secretariat_client, "duong-kinh", YEAR)  # read, and cached, before
    data = admin_form(secretariat_client, url, "oversightactivity_form")
    data.update(kind="interpellation_at_session", _save="Lưu lại")
    response = secretariat_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    page = page_figures(secretariat_client, "duong-kinh", YEAR)
    assert page["council_oversight.interpellation_at_session"] == [1]
    assert page.get("council_oversight.interpellation", [0]) == [0]
    assert page["council_oversight.total"] == [DISTRICT["total"]]


def test_the_exchange_carries_the_kind(at_sessions, tmp_path: Path):
    path = tmp_path / "year.json"
    call_command("export_year", str(YEAR), "--council", "duong-kinh", output=str(path),
                 stdout=io.StringIO())  # fmt: skip
    rows = json.loads(path.read_text(encoding="utf-8"))["sheets"]["oversight_activities"]
    kinds = [row["kind"] for row in rows]
    assert kinds.count("interpellation_at_session") == len(AT_SESSIONS)
    assert kinds.count("interpellation") == DISTRICT["interpellation"]


def test_a_pledge_to_hold_interpellations_counts_both_kinds(at_sessions, district):
    """A commitment "interpellation sessions" is kept by either kind: the demo's one
    between two sessions and the two at sessions this test added for the district."""
    from campaigns.measures import RecordCounts
    from campaigns.models import CommitmentMetric

    counts = RecordCounts({district.pk}, YEAR)
    measured = counts.measure(CommitmentMetric.INTERPELLATIONS, council_id=district.pk)
    assert measured == DISTRICT["interpellation"] + _added("duong-kinh")
