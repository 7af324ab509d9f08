"""A searched changelist counted only up to its cap ("1000+") still acts on exactly its
matches: "Select all" says "1000+", never a plain 1000; the delete action's
confirmation counts and lists every match and is confirmed by their number (1234 ids
posted back were refused as a bad request); the delete removes those rows and no other,
and asks again if the matches changed. An estimated total (PostgreSQL's statistics)
is shown as one ("≈ N")."""

import re

import pytest
from django.db import connection

from councilwork.admin_actions import LISTED
from councilwork.admin_counts import EstimatedCountPaginator
from sessions.models import Resolution
from sessions.votes import Vote
from tests.votes_fixtures import ward_council
from tests.work_factories import D, sitting

pytestmark = pytest.mark.django_db
VOTES = "/admin/council_sessions/vote/"
MATCHING = 1234  # past the admin's search cap of 1000


def _votes(session, subject: str, count: int) -> None:
    Vote.objects.bulk_create(
        Vote(
            session=session,
            subject=f"{subject} {n}",
            voted_on=session.start_date,
            deputies=1,
            not_voting=1,
        )
        for n in range(count)
    )


def _rows(votes) -> set[tuple]:
    return set(votes.values_list("pk", "subject", "voted_on", "deputies", "not_voting"))


def test_select_all_past_the_cap_deletes_exactly_the_filtered_matches(secretariat_client):
    place = ward_council("vsa-ward", 1)
    session = sitting(place, 1, D(2023, 5, 10))
    later = sitting(place, 2, D(2024, 5, 10))
    _votes(session, "Dự thảo về quỹ đất", MATCHING)
    _votes(session, "Dự thảo về ngân sách", 7)  # not found by the search
    _votes(later, "Dự thảo về quỹ đất", 5)  # found, but another year
    mine = Vote.objects.filter(session__council=place)
    matches = {
        pk
        for pk, subject, day in mine.values_list("pk", "subject", "voted_on")
        if "quỹ đất" in subject and day.year == 2023
    }
    assert len(matches) == MATCHING
    outside = _rows(mine.exclude(pk__in=matches))
    elsewhere = _rows(Vote.objects.exclude(session__council=place))
    url = f"{VOTES}?q=quy+dat&voted_on_year=2023"

    page = secretariat_client.get(url)
    count = page.context["cl"].result_count
    assert (int(count), str(count)) == (1000, "1000+")
    html = page.content.decode()
    assert "Chọn tất cả 1000+ kết quả biểu quyết" in html
    assert "Tất cả 1000+ đã được chọn" in html
    assert not re.search(r"(Chọn tất cả|Tất cả) 1000(?!\+)", html)

    one = str(min(matches))
    asked = {"action": "delete_selected", "select_across": "1", "index": "0"}
    confirm = secretariat_client.post(url, asked | {"_selected_action": [one]})
    assert confirm.status_code == 200
    text = confirm.content.decode()
    assert f"<li>Kết quả biểu quyết: {MATCHING}</li>" in text  # the summary: the true number
    listed = [int(pk) for pk in re.findall(r"/vote/(\d+)/change/", text)]
    assert len(listed) == len(set(listed)) == LISTED and set(listed) <= matches  # the first
    assert f"… và {MATCHING - LISTED} mục khác, không liệt kê ở đây" in text  # the rest
    # What the confirmation's button posts: every match, by their number (not 1234 ids,
    # past the 1000 fields a request may hold).
    button = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', text))
    assert button["select_across"] == "1" and len(button["confirmed_matches"]) == 24
    assert re.findall(r'name="_selected_action" value="(\d+)"', text) == [str(min(matches))]

    # One match gone and another added since the confirmation: the same number, other
    # rows. Asked again; none deleted.
    gone = max(matches)
    Vote.objects.filter(pk=gone).delete()
    _votes(session, "Dự thảo về quỹ đất mới", 1)
    matches -= {gone}
    matches |= set(mine.filter(subject="Dự thảo về quỹ đất mới 0").values_list("pk", flat=True))
    assert len(matches) == MATCHING
    again = secretariat_client.post(url, button)
    assert again.status_code == 200
    assert f"<li>Kết quả biểu quyết: {MATCHING}</li>" in again.content.decode()
    assert mine.filter(pk__in=matches).count() == MATCHING

    # A match added since: asked again, with the new number; none deleted.
    button = dict(
        re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', again.content.decode())
    )
    _votes(session, "Dự thảo về quỹ đất khác", 1)
    matches |= set(mine.filter(subject="Dự thảo về quỹ đất khác 0").values_list("pk", flat=True))
    again = secretariat_client.post(url, button)
    assert again.status_code == 200
    assert f"<li>Kết quả biểu quyết: {MATCHING + 1}</li>" in again.content.decode()
    assert mine.filter(pk__in=matches).count() == MATCHING + 1

    button = dict(
        re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', again.content.decode())
    )
    done = secretariat_client.post(url, button)
    assert done.status_code == 302
    assert not Vote.objects.filter(pk__in=matches).exists()
    assert _rows(mine) == outside  # the 12 outside the filter, as they were
    assert _rows(Vote.objects.exclude(session__council=place)) == elsewhere
    shown = secretariat_client.get(done.url).content.decode()
    assert f"Đã xóa {MATCHING + 1} kết quả biểu quyết." in shown


def test_a_search_within_the_cap_says_its_exact_number(secretariat_client):
    place = ward_council("vsa-small", 1)
    session = sitting(place, 1, D(2023, 5, 10))
    _votes(session, "Dự thảo về chợ đầu mối", 60)  # two pages, counted exactly
    page = secretariat_client.get(VOTES, {"q": "cho dau moi"})
    assert str(page.context["cl"].result_count) == "60"
    assert "Chọn tất cả 60 kết quả biểu quyết" in page.content.decode()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="estimates come from pg_class")
def test_an_estimated_total_is_never_shown_as_exact(secretariat_client, monkeypatch):
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE council_sessions_resolution")
    monkeypatch.setattr(EstimatedCountPaginator, "EXACT_BELOW", 1)
    page = secretariat_client.get("/admin/council_sessions/resolution/")
    count = page.context["cl"].result_count
    assert count == pytest.approx(Resolution.objects.count(), abs=5)
    assert str(count) == f"≈ {int(count)}"
    html = page.content.decode()
    assert f"Chọn tất cả ≈ {int(count)} nghị quyết" in html
    assert not re.search(rf"Chọn tất cả {int(count)}\b", html)
