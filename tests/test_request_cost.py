"""What every logged-in request costs: the session and the user with their role, no more.

The ceiling of the whole app is the trivial logged-in page; its queries are counted
here, at any data size (they do not depend on it).
"""

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from councilwork import user_memo
from councilwork.roles import Role
from councilwork.services import user_role, user_upsert

REDIS = settings.CACHES["default"]["BACKEND"].endswith("RedisCache")


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return response, [q["sql"] for q in captured.captured_queries]


@pytest.mark.django_db
def test_a_page_view_reads_the_user_and_role_in_one_query(ward_a_client):
    ward_a_client.get("/ping/")  # the first view after login may renew the session
    user_memo.MEMO.clear()  # with Redis, a user read once is remembered (test_user_memo.py)
    response, sql = _queries(ward_a_client, "/ping/")
    assert response.status_code == 200
    assert not any(q.lstrip().upper().startswith(("UPDATE", "INSERT", "DELETE")) for q in sql)
    user_queries = [q for q in sql if 'FROM "councilwork_user"' in q]
    assert len(user_queries) == 1 and "auth_group" in user_queries[0]
    assert len(sql) == (1 if REDIS else 2)  # the session (unless read from Redis), the user


@pytest.mark.django_db
def test_the_role_comes_with_the_user(ward_a_client):
    """The home page needs the role: it costs no groups query of its own."""
    ward_a_client.get("/ping/")
    user_memo.MEMO.clear()
    response, sql = _queries(ward_a_client, "/")
    assert response.status_code == 302
    assert not any(q.lstrip().startswith('SELECT "auth_group"') for q in sql)
    assert len(sql) == (1 if REDIS else 2)


@pytest.mark.django_db
def test_a_changed_role_shows_from_the_next_request(ward_a_staff, ward_a_client):
    ward_a_client.get("/ping/")
    assert ward_a_client.get("/admin/").status_code == 302  # ward staff: no admin
    user_upsert(username=ward_a_staff.username, role=Role.LEADER)
    assert user_role(type(ward_a_staff).objects.get(pk=ward_a_staff.pk)) == Role.LEADER
    assert ward_a_client.get("/admin/").status_code == 200


@pytest.mark.skipif(not REDIS, reason="sessions are read from the cache only with Redis")
def test_with_redis_sessions_are_read_from_the_cache():
    assert settings.SESSION_ENGINE == "councilwork.session_store"  # cached_db's subclass
