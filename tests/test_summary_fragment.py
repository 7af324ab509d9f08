"""The summary page's rendered parts are cached (reports.page_parts) and never stale.

The provinces are built by tests.factories.province_with_wards: commune i (council
number i + 1 there) holds ((i + 1) % 3) + 2 sessions in 2023, the figure each test counts
itself and finds in the commune's row of the page.
"""

import datetime as dt
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from councilwork.models import Council
from reports.page_parts import fragment_key
from sessions.models import Session
from tests.factories import province_with_wards, session

pytestmark = pytest.mark.django_db
PAGE = reverse("summary:page", args=[2023])


def sessions_2023(i: int) -> int:
    """Sessions of commune i in 2023, as the factory makes them."""
    return ((i + 1) % 3) + 2


def row_sessions(html: str, slug: str) -> int:
    """The sessions shown in the row of the council ``slug`` (the councils-below table)."""
    row = re.search(rf'<tr data-council="{re.escape(slug)}">(.*?)</tr>', html, re.S)[1]
    return int(re.findall(r'<td class="num"><a href="[^"]*">(\d+)</a></td>', row)[0])


def page(client, slug: str) -> str:
    response = client.get(PAGE, {"council": slug})
    assert response.status_code == 200
    return response.content.decode()


def test_a_changed_figure_of_a_commune_shows_at_once(leader_client):
    province_with_wards("tinh", 3)
    html = page(leader_client, "tinh")
    for i in range(3):
        assert row_sessions(html, f"tinh-{i}") == sessions_2023(i)
    assert row_sessions(page(leader_client, "tinh"), "tinh-1") == sessions_2023(1)  # cached
    session(Council.objects.get(slug="tinh-1"), 99, dt.date(2023, 11, 2))
    html = page(leader_client, "tinh")
    assert row_sessions(html, "tinh-1") == sessions_2023(1) + 1
    assert row_sessions(html, "tinh-0") == sessions_2023(0)
    # The tree of the pickers lists a council added below at once too.
    Council.objects.create(
        name="HĐND xã Mới Lập",
        short_name="Mới Lập",
        slug="moi-lap",
        level="commune",
        parent=Council.objects.get(slug="tinh"),
    )
    assert 'href="/summary/2023/?council=moi-lap"' in page(leader_client, "tinh")


def cached_queries(client, slug: str) -> int:
    page(client, slug)  # the cache filled
    with CaptureQueriesContext(connection) as queries:
        html = page(client, slug)
    assert 'id="council-tree"' in html
    return len(queries)


def test_a_cached_page_costs_the_same_few_queries_at_any_size(leader_client):
    small, large = province_with_wards("nho", 5), province_with_wards("lon", 15)
    leader_client.get(reverse("ping"))  # the session's first renewal after the login
    counts = [cached_queries(leader_client, council.slug) for council in (small, large)]
    assert counts[0] == counts[1]
    # Without the rendered parts (the figures still cached) the ways are built again;
    # a parameter beyond ?council= keeps the whole page out of its cache (page_parts).
    cache.delete(fragment_key(council=large, year=2023, scope="tree"))
    with CaptureQueriesContext(connection) as queries:
        html = leader_client.get(PAGE, {"council": "lon", "other": "1"}).content.decode()
    assert len(queries) > counts[1]
    assert row_sessions(html, "lon-14") == sessions_2023(14)
    # Session, user, the council, the versions and one read of the cache (the database
    # cache is a table; Redis holds the session too): nothing per commune or for the tree.
    assert counts[1] <= 5


def test_vietnamese_and_english_pages_do_not_share_a_part(leader_client):
    province_with_wards("song", 2)
    vi = page(leader_client, "song")
    assert "<h2>Số liệu</h2>" in vi and "Other councils" not in vi
    leader_client.post(reverse("set_language"), {"language": "en", "next": PAGE})
    en = page(leader_client, "song")
    assert "<h2>Figures</h2>" in en and "<h2>Số liệu</h2>" not in en
    assert "Other councils" in en
    leader_client.post(reverse("set_language"), {"language": "vi", "next": PAGE})
    again = page(leader_client, "song")
    assert "<h2>Số liệu</h2>" in again and "<h2>Figures</h2>" not in again
    council = Council.objects.get(slug="song")
    with translation.override("en"):
        english = fragment_key(council=council, year=2023, scope="tree")
    with translation.override("vi"):
        vietnamese = fragment_key(council=council, year=2023, scope="tree")
    assert english != vietnamese and ":en:" in english and ":vi:" in vietnamese


def test_ward_staff_never_get_the_tree_a_leader_cached(leader_client, ward_a_client, ward_a):
    leader = page(leader_client, "anh-dung")
    assert 'id="council-tree"' in leader and 'href="/summary/2023/?council=da-phuc"' in leader
    ward = page(ward_a_client, "anh-dung")
    assert 'id="council-tree"' not in ward and "council=da-phuc" not in ward
    # The same article for both: the council's own figures, not the reader's.
    shown = re.compile(r'<tr data-key="council_sessions.total">.*?data-value="(\d+)"', re.S)
    own = sum(1 for s in Session.objects.filter(council=ward_a) if s.start_date.year == 2023)
    assert int(shown.search(leader)[1]) == int(shown.search(ward)[1]) == own
