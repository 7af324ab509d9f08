"""The one pager (templates/partials/pager.html): its markup, and the pages using it keep
their filters and council on the links to other pages."""

import datetime as dt
import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from oversight.models import OversightActivity, Recommendation
from sessions.models import Resolution
from tests.work_factories import council, sitting

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def links(html: str) -> dict[str, dict[str, list[str]]]:
    """rel -> the link's query string, parsed; and "#" -> its fragment."""
    found = {}
    for rel, href in re.findall(r'<a rel="(prev|next)" href="([^"]*)"', html):
        parts = urlsplit(unescape(href))
        found[rel] = parse_qs(parts.query) | {"#": [parts.fragment]}
    return found


def pager(**context) -> str:
    with translation.override("vi"):
        return render_to_string("partials/pager.html", context)


def test_a_single_page_shows_no_pager():
    page = Paginator(list(range(5)), 10).get_page(1)
    assert pager(page=page, query="a=1").strip() == ""
    assert pager(number=1, total=1, query="a=1").strip() == ""


def test_a_page_in_the_middle_links_both_ways_keeping_the_query():
    page = Paginator(list(range(25)), 10).get_page(2)
    html = pager(page=page, query="council=x%C3%A3&status=open")
    assert '<nav class="pager no-print" aria-label="Trang">' in html
    assert 'aria-current="page"' in html
    found = links(html)
    for rel, number in (("prev", "1"), ("next", "3")):
        assert found[rel]["page"] == [number]
        assert found[rel]["council"] == ["xã"] and found[rel]["status"] == ["open"]
    assert found["next"]["#"] == [""]


def test_the_first_and_last_pages_link_one_way():
    paginator = Paginator(list(range(25)), 10)
    assert set(links(pager(page=paginator.get_page(1), query=""))) == {"next"}
    last = links(pager(page=paginator.get_page(3), query=""))
    assert set(last) == {"prev"} and last["prev"]["page"] == ["2"]


def test_explicit_numbers_param_anchor_and_label():
    html = pager(
        number=2, total=3, previous=1, next=3, query="q=a", param="page_x", anchor="x", label="L"
    )
    assert 'aria-label="L"' in html
    found = links(html)
    assert found["prev"]["page_x"] == ["1"] and found["next"]["page_x"] == ["3"]
    assert found["next"]["q"] == ["a"] and found["next"]["#"] == ["x"]


def test_recommendations_page_two_keeps_the_filters(secretariat_client, monkeypatch):
    monkeypatch.setattr("oversight.views.PER_PAGE", 2)
    place = council("pager-a")
    activity = OversightActivity.objects.create(
        council=place, kind="thematic", title="Giám sát", start_date=TODAY, end_date=TODAY
    )
    for n in range(5):
        Recommendation.objects.create(
            activity=activity, content=f"Nội dung {n}", responsible_agency="UBND", status="open"
        )
    url = reverse("oversight:recommendations")
    asked = {"council": place.slug, "status": "open", "sort": "deadline", "page": "2"}
    response = secretariat_client.get(url, asked)
    assert response.status_code == 200
    found = links(response.content.decode())
    for rel, number in (("prev", "1"), ("next", "3")):
        assert found[rel]["page"] == [number]
        assert found[rel]["council"] == [place.slug]
        assert found[rel]["status"] == ["open"] and found[rel]["sort"] == ["deadline"]


def test_vote_sessions_page_two_keeps_the_council(secretariat_client, monkeypatch):
    monkeypatch.setattr("sessions.vote_views.SESSIONS_PER_PAGE", 2)
    place = council("pager-b")
    for n in range(5):
        day = dt.date(2024, 1, 1) + dt.timedelta(days=10 * n)
        sitting(place, n + 1, day)
    url = reverse("council_sessions:vote-sessions")
    response = secretariat_client.get(url, {"council": place.slug, "page": "2"})
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == 2
    found = links(response.content.decode())
    assert found["next"]["page"] == ["3"] and found["next"]["council"] == [place.slug]
    assert found["prev"]["page"] == ["1"] and found["prev"]["council"] == [place.slug]


def test_search_page_two_keeps_the_query_and_the_other_groups_pages(secretariat_client):
    place = council("pager-c")
    day = dt.date(2023, 9, 1)
    s = sitting(place, 90, day)
    for n in range(23):
        Resolution.objects.create(
            council=place, session=s, number=300 + n, adopted_on=day, title="Phân trang"
        )
    url = reverse("search:results")
    response = secretariat_client.get(url, {"q": "phan trang", "page_resolutions": "2"})
    found = links(response.content.decode())
    assert found["next"]["page_resolutions"] == ["3"] and found["next"]["q"] == ["phan trang"]
    assert found["prev"]["page_resolutions"] == ["1"] and found["next"]["#"] == ["resolutions"]
    html = response.content.decode()
    assert html.count('<nav class="pager no-print" aria-label="Các trang Nghị quyết">') == 1
