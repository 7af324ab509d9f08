"""The drill-down lists are cached whole per reader (reports.page_cache): never stale,
never another reader's links or name, and a hostile query string is never stored.

The provinces come from tests.factories.province_with_wards: commune i holds
((i + 1) % 3) + 2 sessions in 2023 (tests/test_summary_fragment.py counts the same).
"""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from councilwork.models import Council
from reports import page_cache
from tests.factories import province_with_wards, session
from tests.page_cache_stored import REDIS

pytestmark = pytest.mark.django_db
LIST = reverse("summary:records", args=[2023, "sessions"])


def sessions_2023(communes: int) -> int:
    return sum(((i + 1) % 3) + 2 for i in range(communes))


def shown(client, slug="tinh", **params) -> tuple[int, str]:
    response = client.get(LIST, {"council": slug, "scope": "below", **params})
    assert response.status_code == 200
    html = response.content.decode()
    return int(re.search(r'class="record-count">(\d+)<', html)[1]), html


def test_a_new_record_shows_at_once_on_a_cached_list(leader_client):
    province_with_wards("tinh", 4)
    assert shown(leader_client)[0] == sessions_2023(4)
    assert shown(leader_client)[0] == sessions_2023(4)  # from the page cache
    session(Council.objects.get(slug="tinh-2"), 77, dt.date(2023, 9, 1))
    count, html = shown(leader_client)
    assert count == sessions_2023(4) + 1
    assert html.count('class="record-row"') == min(count, 50)


def test_each_reader_gets_their_own_page_links_and_name(
    leader, leader_client, secretariat, secretariat_client, monkeypatch
):
    province_with_wards("tinh", 2)
    stored = stored_pages(monkeypatch)
    admin_link = re.compile(r'href="/admin/council_sessions/session/\d+/change/"')
    for user, client in ((secretariat, secretariat_client), (leader, leader_client)) * 2:
        html = shown(client)[1]
        may_view = user.has_perm("council_sessions.view_session")
        assert bool(admin_link.search(html)) == may_view
        assert f'<span class="user">{user.username}</span>' in html
        assert page_cache.CSRF_MARK not in html
    assert len(stored) == 2  # one page per reader, each read again from the cache


def test_a_cached_list_costs_the_same_queries_at_any_size(leader_client):
    counts = []
    for slug, communes in (("nho", 3), ("lon", 12)):
        province_with_wards(slug, communes)
        shown(leader_client, slug)
        with CaptureQueriesContext(connection) as queries:
            assert shown(leader_client, slug)[0] == sessions_2023(communes)
        counts.append(len(queries))
    # With Redis: the council with its versions alone (the session, the user and the
    # page come from Redis, the reader's edition with the session). With the database
    # cache: the session, the user, the council, the reader's permissions, the page.
    assert counts[0] == counts[1] == (1 if REDIS else 5)


def stored_pages(monkeypatch) -> list[str]:
    """The keys of the pages reports.page_cache stores from now on."""
    stored = []
    real_set = page_cache.cache.set

    def recording_set(key, *args, **kwargs):
        if ":html:" in key:
            stored.append(key)
        return real_set(key, *args, **kwargs)

    monkeypatch.setattr(page_cache.cache, "set", recording_set)
    return stored


def test_a_hostile_or_unknown_parameter_is_answered_but_not_stored(leader_client, monkeypatch):
    province_with_wards("tinh", 2)
    stored = stored_pages(monkeypatch)
    plain = shown(leader_client)[0]
    assert len(stored) == 1
    assert shown(leader_client, kind="x" * 41)[0] == 0  # no record of such a kind
    for params in ({"other": "1"}, {"page": "9" * 60}):
        assert shown(leader_client, **params)[0] == plain
    assert len(stored) == 1
