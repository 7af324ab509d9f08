"""Logins and roles: lockout after failed logins, idle sessions, CSRF, read-only leaders."""

import datetime as dt
import os
import subprocess
import sys

import pytest
from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.contrib.sessions.backends.cached_db import KEY_PREFIX
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.db import connection
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from councilwork.middleware import LeaderReadOnlyMiddleware, request_role
from councilwork.roles import Role
from councilwork.services import user_upsert
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

LOCKED_MESSAGE = "Đăng nhập sai quá nhiều lần với tên đăng nhập này. Hãy thử lại sau 15 phút."
READ_ONLY_MESSAGE = "Lãnh đạo chỉ được xem hồ sơ, không được thay đổi."


def log_in(client, username, password, url=None):
    """POST the login form the way a browser does (so axes sees the request)."""
    return client.post(url or reverse("login"), {"username": username, "password": password})


def fail_logins(username, times, url=None):
    for _ in range(times):
        response = log_in(Client(), username, "wrong-password", url)
    return response


def is_logged_in(client) -> bool:
    return "_auth_user_id" in client.session


# --- Lockout after failed logins ---------------------------------------------------


def test_five_wrong_passwords_lock_the_username(leader, secretariat):
    assert settings.AXES_FAILURE_LIMIT == 5
    fail_logins(leader.username, 5)

    client = Client()
    response = log_in(client, leader.username, PASSWORD)
    assert response.status_code == 429
    assert LOCKED_MESSAGE in response.content.decode()
    assert not is_logged_in(client)

    # Only that username is locked, although every attempt came from the same address.
    other = Client()
    assert log_in(other, secretariat.username, PASSWORD).status_code == 302
    assert is_logged_in(other)


def test_the_lock_ends_after_the_cool_off(leader):
    fail_logins(leader.username, 5)
    assert log_in(Client(), leader.username, PASSWORD).status_code == 429

    # Let the cool-off pass: the failures now lie further back than AXES_COOLOFF_TIME.
    past = timezone.now() - settings.AXES_COOLOFF_TIME - dt.timedelta(seconds=1)
    AccessAttempt.objects.filter(username=leader.username).update(attempt_time=past)
    client = Client()
    assert log_in(client, leader.username, PASSWORD).status_code == 302
    assert is_logged_in(client)


def test_an_administrator_can_lift_the_lock(leader):
    fail_logins(leader.username, 5)
    assert reset(username=leader.username) == 1
    assert log_in(Client(), leader.username, PASSWORD).status_code == 302


def test_the_admin_login_page_shares_the_lock(leader):
    admin_login = reverse("admin:login")
    fail_logins(leader.username, 5)
    response = log_in(Client(), leader.username, PASSWORD, admin_login)
    assert response.status_code == 429
    assert LOCKED_MESSAGE in response.content.decode()

    reset(username=leader.username)
    fail_logins(leader.username, 5, admin_login)
    assert log_in(Client(), leader.username, PASSWORD).status_code == 429


def test_a_successful_login_resets_the_failure_count(leader):
    fail_logins(leader.username, 4)
    assert log_in(Client(), leader.username, PASSWORD).status_code == 302
    assert not AccessAttempt.objects.filter(username=leader.username).exists()

    # Four more typos would have been nine in all: still no lock.
    fail_logins(leader.username, 4)
    assert log_in(Client(), leader.username, PASSWORD).status_code == 302


def test_the_lockout_page_in_english(leader):
    fail_logins(leader.username, 5)
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = log_in(client, leader.username, PASSWORD)
    assert "Try again in 15 minutes." in response.content.decode()


# --- Idle sessions -----------------------------------------------------------------


def test_session_settings():
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert not settings.SESSION_SAVE_EVERY_REQUEST  # renewed at most once a minute instead
    assert settings.SESSION_RENEW_SECONDS == 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert settings.SESSION_COOKIE_HTTPONLY
    assert dt.timedelta(minutes=15) == settings.AXES_COOLOFF_TIME
    assert settings.AXES_LOCKOUT_PARAMETERS == ["username"]
    assert settings.AXES_RESET_ON_SUCCESS


def _settings_from_env(**env) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    clean.update(env, DJANGO_DEBUG="true", DJANGO_SETTINGS_MODULE="councilwork.settings")
    code = (
        "from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_AGE, s.AXES_FAILURE_LIMIT, s.AXES_COOLOFF_TIME.seconds)"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env=clean,
        capture_output=True,
        text=True,
    )


def test_limits_come_from_the_environment():
    result = _settings_from_env(
        DJANGO_SESSION_IDLE_MINUTES="10",
        DJANGO_LOGIN_FAILURE_LIMIT="3",
        DJANGO_LOGIN_COOLOFF_MINUTES="60",
    )
    assert result.stdout.split() == ["600", "3", "3600"], result.stderr
    result = _settings_from_env(DJANGO_LOGIN_FAILURE_LIMIT="0")
    assert result.returncode != 0
    assert "must be positive" in result.stderr


def test_reading_pages_writes_the_session_at_most_once_a_minute(leader):
    client = Client()
    log_in(client, leader.username, PASSWORD)
    home = reverse("home")
    client.get(home)  # the first request after the login renews it
    with CaptureQueriesContext(connection) as queries:
        for _ in range(5):
            client.get(home)
    writes = [q["sql"] for q in queries if q["sql"].startswith(("UPDATE", "INSERT"))]
    assert not [sql for sql in writes if "django_session" in sql]


def test_an_idle_session_ends(leader, settings):
    settings.SESSION_RENEW_SECONDS = 0  # as if a minute had passed since each request
    client = Client()
    log_in(client, leader.username, PASSWORD)
    home = reverse("home")
    assert client.get(home).wsgi_request.user.is_authenticated
    session = Session.objects.get(session_key=client.session.session_key)

    # Each request pushes the expiry a full SESSION_COOKIE_AGE ahead.
    Session.objects.filter(pk=session.pk).update(
        expire_date=timezone.now() + dt.timedelta(minutes=1)
    )
    client.get(home)
    session.refresh_from_db()
    assert session.expire_date > timezone.now() + dt.timedelta(minutes=29)

    # Thirty idle minutes later the session is gone (from the cache too, where sessions
    # are read from Redis: its copy lives only as long as the session).
    Session.objects.filter(pk=session.pk).update(
        expire_date=timezone.now() - dt.timedelta(seconds=1)
    )
    caches[settings.SESSION_CACHE_ALIAS].delete(KEY_PREFIX + session.session_key)
    response = client.get(home)
    assert not response.wsgi_request.user.is_authenticated
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_the_session_cookie_ends_with_the_browser(leader):
    client = Client()
    log_in(client, leader.username, PASSWORD)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert not cookie["expires"]
    assert not cookie["max-age"]
    assert cookie["httponly"]


# --- CSRF --------------------------------------------------------------------------


def test_login_without_csrf_token_is_refused(leader):
    client = Client(enforce_csrf_checks=True)
    response = log_in(client, leader.username, PASSWORD)
    assert response.status_code == 403
    assert not is_logged_in(client)


def test_login_form_carries_the_csrf_token(leader):
    client = Client(enforce_csrf_checks=True)
    page = client.get(reverse("login"))
    assert 'name="csrfmiddlewaretoken"' in page.content.decode()
    token = client.cookies[settings.CSRF_COOKIE_NAME].value
    response = client.post(
        reverse("login"),
        {"username": leader.username, "password": PASSWORD, "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302
    assert is_logged_in(client)


# --- Leaders read, never write -----------------------------------------------------

SESSION_ADD = "/admin/council_sessions/session/add/"


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_leaders_cannot_write(leader_client, method):
    for url in (SESSION_ADD, reverse("home")):
        response = getattr(leader_client, method)(url)
        assert response.status_code == 403, url
        assert READ_ONLY_MESSAGE in response.content.decode()


def test_the_secretariat_can_write(secretariat_client):
    # The empty form comes back with its errors: allowed, merely incomplete.
    assert secretariat_client.post(SESSION_ADD).status_code == 200


def test_leaders_still_read(leader_client):
    assert (
        leader_client.get(reverse("admin:council_sessions_session_changelist")).status_code == 200
    )
    assert leader_client.get(SESSION_ADD).status_code == 403  # the admin's own check
    assert leader_client.head(reverse("admin:index")).status_code == 200


def test_leaders_may_switch_language_and_log_out(leader_client):
    response = leader_client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert leader_client.post(reverse("logout")).status_code == 302
    assert not is_logged_in(leader_client)


def test_leaders_may_log_out_of_the_admin(leader_client):
    assert leader_client.post(reverse("admin:logout")).status_code != 403
    assert not is_logged_in(leader_client)


def test_a_leader_may_log_in(leader):
    client = Client()
    assert log_in(client, leader.username, PASSWORD).status_code == 302
    assert log_in(client, leader.username, PASSWORD, reverse("admin:login")).status_code == 302


def _through_middleware(user, method="post", path="/anything/"):
    """Run the middleware in front of a view that accepts every write."""
    request = getattr(RequestFactory(), method)(path)
    request.user = user
    middleware = LeaderReadOnlyMiddleware(lambda request: HttpResponse("written"))
    return request, middleware(request)


def test_the_middleware_alone_blocks_leaders(leader, secretariat, ward_a_staff):
    assert _through_middleware(leader)[1].status_code == 403
    assert _through_middleware(secretariat)[1].status_code == 200
    assert _through_middleware(ward_a_staff)[1].status_code == 200


def test_superusers_are_never_blocked(leader):
    leader.is_superuser = True
    leader.save()
    assert _through_middleware(leader)[1].status_code == 200


def test_the_role_costs_at_most_one_query(leader, django_assert_num_queries):
    from django.contrib.auth.models import AnonymousUser

    user = type(leader).objects.get(pk=leader.pk)
    with django_assert_num_queries(0):
        _through_middleware(user, "get")
        _through_middleware(AnonymousUser())
    with django_assert_num_queries(1):
        request, response = _through_middleware(user)
        assert response.status_code == 403
        assert request_role(request) == Role.LEADER


def test_the_role_of_a_request_is_looked_up_once(django_assert_num_queries):
    user, _created = user_upsert(username="p-secretariat-2", role=Role.SECRETARIAT)
    request = RequestFactory().get("/")
    request.user = type(user).objects.get(pk=user.pk)
    with django_assert_num_queries(1):
        assert request_role(request) == Role.SECRETARIAT
        assert request_role(request) == Role.SECRETARIAT
