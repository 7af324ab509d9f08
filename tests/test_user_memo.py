"""Users remembered between requests (councilwork.user_memo): no query, never stale.

With sessions in Redis a process serves the user it read again, without a query, while
no login changed. Every change of a login (role, deactivation, password, council) must
still show from the very next request. The memo's own rules (generation, expiry, size,
copies) are tested without Redis; the page tests need it and skip otherwise.
"""

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from councilwork import user_memo
from councilwork.roles import Role
from councilwork.services import user_role, user_upsert

REDIS = settings.SESSION_ENGINE == user_memo.SESSION_ENGINE
needs_redis = pytest.mark.skipif(not REDIS, reason="users are remembered only with Redis")


def queries_of(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return response, len(captured.captured_queries)


def role_seen(client):
    """The role of the user the next page view was served with."""
    response = client.get("/ping/")
    assert response.status_code == 200
    return user_role(response.wsgi_request.user)


# The memo's own rules -------------------------------------------------------------


class Someone:
    def __init__(self, name):
        self.name = name


def test_a_user_is_served_only_under_the_generation_it_was_read_in():
    memo = user_memo.Memo()
    memo.put(7, "g1", Someone("An"))
    assert memo.get(7, "g1").name == "An"
    assert memo.get(7, "g2") is None  # a login changed since: read again
    assert memo.get(7, "g1") is None  # and the stale entry is gone
    assert memo.get(8, "g1") is None


def test_an_entry_expires_after_its_seconds(monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr(user_memo.time, "monotonic", lambda: clock[0])
    memo = user_memo.Memo(seconds=60)
    memo.put(1, "g", Someone("An"))
    clock[0] += 59
    assert memo.get(1, "g") is not None
    clock[0] += 2
    assert memo.get(1, "g") is None


def test_at_most_size_users_are_kept_the_least_recently_used_go_first():
    memo = user_memo.Memo(size=3)
    for number in range(1, 4):
        memo.put(number, "g", Someone(str(number)))
    memo.get(1, "g")  # 1 is used again: 2 is now the oldest
    memo.put(4, "g", Someone("4"))
    kept = [number for number in range(1, 5) if memo.get(number, "g") is not None]
    assert kept == [1, 3, 4]


def test_each_request_gets_its_own_copy():
    memo = user_memo.Memo()
    original = Someone("An")
    memo.put(1, "g", original)
    served = memo.get(1, "g")
    served.name = "changed by a view"
    original.name = "changed after it was remembered"
    assert memo.get(1, "g").name == "An"


# Pages, with sessions in Redis -----------------------------------------------------


@needs_redis
@pytest.mark.django_db
def test_a_repeat_page_view_runs_no_query(ward_a_client):
    ward_a_client.get("/ping/")  # reads the user (and may renew the session)
    for _view in range(3):
        response, count = queries_of(ward_a_client, "/ping/")
        assert response.status_code == 200
        assert count == 0


@needs_redis
@pytest.mark.django_db
def test_a_changed_role_shows_from_the_next_request(ward_a_staff, ward_a_client):
    ward_a_client.get("/ping/")
    assert ward_a_client.get("/admin/").status_code == 302  # ward staff: no admin
    user_upsert(username=ward_a_staff.username, role=Role.SECRETARIAT)
    assert ward_a_client.get("/admin/").status_code == 200


@needs_redis
@pytest.mark.django_db
def test_a_deactivated_login_is_out_from_the_next_request(ward_a_staff, ward_a_client):
    assert ward_a_client.get("/ping/").status_code == 200
    ward_a_staff.is_active = False
    ward_a_staff.save(update_fields=["is_active"])
    assert ward_a_client.get("/ping/").status_code == 302  # to the login page


@needs_redis
@pytest.mark.django_db
def test_a_password_changed_elsewhere_ends_the_session(ward_a_staff, ward_a_client):
    assert ward_a_client.get("/ping/").status_code == 200
    ward_a_staff.set_password("a-new-password-4821")
    ward_a_staff.save()
    assert ward_a_client.get("/ping/").status_code == 302


@needs_redis
@pytest.mark.django_db
def test_a_group_taken_away_shows_from_the_next_request(leader, client):
    client.force_login(leader)
    assert role_seen(client) == Role.LEADER
    assert role_seen(client) == Role.LEADER  # now served from the memo
    leader.groups.clear()  # m2m_changed: no role at all
    assert role_seen(client) is None


@needs_redis
@pytest.mark.django_db
def test_a_renamed_role_group_shows_from_the_next_request(leader, client):
    client.force_login(leader)
    role_seen(client)
    assert role_seen(client) == Role.LEADER
    for group in Group.objects.filter(user=leader):
        group.name = group.name + " (old)"
        group.save()
    assert role_seen(client) is None


@needs_redis
@pytest.mark.django_db
def test_a_moved_ward_login_sees_its_new_council_from_the_next_request(
    ward_a_staff, ward_a_client, ward_b
):
    other = ward_b
    ward_a_client.get("/ping/")
    ward_a_staff.council = other
    ward_a_staff.save(update_fields=["council"])
    response = ward_a_client.get("/ping/")
    assert response.wsgi_request.user.council_id == other.pk


@needs_redis
@pytest.mark.django_db
def test_an_emptied_redis_starts_a_new_generation(ward_a_client):
    ward_a_client.get("/ping/")
    cache.delete(user_memo.GENERATION_KEY)  # Redis restarted, or evicted the key
    # The session is gone with the generation only if Redis lost both; here only the
    # generation is: the page reads its user again, then remembers it anew.
    response, count = queries_of(ward_a_client, "/ping/")
    assert response.status_code == 200 and count == 1
    assert cache.get(user_memo.GENERATION_KEY) is not None
    assert queries_of(ward_a_client, "/ping/")[1] == 0


@pytest.mark.skipif(REDIS, reason="the case without Redis")
@pytest.mark.django_db
def test_without_redis_every_request_reads_its_user(ward_a_client):
    ward_a_client.get("/ping/")
    response, count = queries_of(ward_a_client, "/ping/")
    assert response.status_code == 200 and count >= 1


@needs_redis
@pytest.mark.django_db
def test_another_login_keeps_every_remembered_user(ward_a_client, leader):
    ward_a_client.get("/ping/")
    before = cache.get(user_memo.GENERATION_KEY)
    assert before is not None
    other = type(ward_a_client)()
    other.force_login(leader)  # Django writes the leader's last_login, nothing else
    assert leader.__class__.objects.get(pk=leader.pk).last_login is not None
    assert cache.get(user_memo.GENERATION_KEY) == before
    assert queries_of(ward_a_client, "/ping/")[1] == 0
    leader.is_active = False
    leader.save(update_fields=["last_login", "is_active"])  # more than the login's time
    assert cache.get(user_memo.GENERATION_KEY) != before
