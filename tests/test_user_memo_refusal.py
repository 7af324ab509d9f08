"""A Redis that refuses writes (out of memory, a read-only replica) fails no request.

The refusal is Redis' own error, raised by the redis-py client's SET (every write of
Django's RedisCache goes through it: set, add), while reads still answer. The users'
generation then stays unknown (each request reads its user), a renewal that fails
leaves the save done and this process's memo empty (councilwork.user_memo), and
``manage.py forget_logins`` renews the generation, or says it could not.
"""

import datetime as dt
import re

import pytest
import redis
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.core.management.sql import emit_post_migrate_signal
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from councilwork import user_memo
from councilwork.models import Council
from councilwork.roles import Role
from councilwork.services import user_role
from tests.factories import province_with_wards, session
from tests.page_cache_stored import REDIS

pytestmark = pytest.mark.django_db
needs_redis = pytest.mark.skipif(not REDIS, reason="the users' generation lives in Redis")


@pytest.fixture
def writes_refused(monkeypatch):
    def refused(self, *args, **kwargs):
        raise redis.exceptions.ReadOnlyError("You can't write against a read only replica.")

    def start():
        monkeypatch.setattr(redis.Redis, "set", refused)

    return start


def seen(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/ping/")
    assert response.status_code == 200
    return response.wsgi_request.user, len(queries)


@needs_redis
def test_a_refused_generation_reads_the_user_and_answers(
    ward_a_staff, ward_a_client, writes_refused
):
    seen(ward_a_client)
    cache.delete(user_memo.GENERATION_KEY)  # evicted: the next request starts one
    writes_refused()
    for _view in range(2):
        user, queries = seen(ward_a_client)
        assert user.pk == ward_a_staff.pk and user_role(user) == Role.WARD
        assert queries >= 1  # read, not served from the memo under no generation
    assert cache.get(user_memo.GENERATION_KEY) is None


@needs_redis
def test_a_refused_renewal_saves_and_forgets_the_remembered_users(
    ward_a_staff, ward_a_client, writes_refused
):
    seen(ward_a_client)
    assert seen(ward_a_client)[1] == 0  # served from the memo
    writes_refused()
    ward_a_staff.first_name = "Hoa"
    ward_a_staff.save()  # post_save renews the generation: refused, not raised
    user, queries = seen(ward_a_client)
    assert queries >= 1 and user.first_name == "Hoa"
    ward_a_staff.refresh_from_db()
    assert ward_a_staff.first_name == "Hoa"


def test_forget_logins_renews_the_generation(capsys):
    cache.set(user_memo.GENERATION_KEY, "before", None)
    call_command("forget_logins")
    assert cache.get(user_memo.GENERATION_KEY) not in (None, "before")
    assert capsys.readouterr().out.strip()


@needs_redis
def test_forget_logins_says_when_it_could_not(writes_refused):
    cache.set(user_memo.GENERATION_KEY, "before", None)
    writes_refused()
    with pytest.raises(CommandError):
        call_command("forget_logins")
    assert cache.get(user_memo.GENERATION_KEY) == "before"


@needs_redis
def test_a_migrate_renews_the_generation():
    cache.set(user_memo.GENERATION_KEY, "before", None)
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    assert cache.get(user_memo.GENERATION_KEY) not in (None, "before")


@needs_redis
def test_the_cached_pages_answer_right_while_writes_are_refused(leader_client, writes_refused):
    """Every figure, count and page is stored under its versions (councilwork.cache.keep):
    a refused store costs the next view a recomputation, and the figures stay true."""
    province_with_wards("tinh", 3)
    expected = sum(((i + 1) % 3) + 2 for i in range(3))  # tests/test_records_page_cache.py
    writes_refused()
    records = reverse("summary:records", args=[2023, "sessions"])
    for extra in (0, 1):
        if extra:
            session(Council.objects.get(slug="tinh-2"), 77, dt.date(2023, 9, 1))
        response = leader_client.get(records, {"council": "tinh", "scope": "below"})
        assert response.status_code == 200
        shown = re.search(r'class="record-count">(\d+)<', response.content.decode())
        assert int(shown[1]) == expected + extra
        summary = leader_client.get(reverse("summary:page", args=[2023]), {"council": "tinh"})
        assert summary.status_code == 200
    assert not list(cache._cache.get_client().scan_iter(match="*html*"))  # nothing stored
