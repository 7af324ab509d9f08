"""An outage of PostgreSQL or the cache answers a Vietnamese 503 page, never a 500.

The outage is simulated in the process: every query (or every cache read) raises the
error a PostgreSQL restart or a Redis that is down raises. The real thing, a restart
of PostgreSQL under load, is bench/load.py's (docs/reliability.md).
"""

import logging
import socket
import time

import psycopg
import pytest
import redis
from django.core.cache import caches
from django.db import InterfaceError, OperationalError
from django.db.backends.utils import CursorWrapper
from django.test import Client
from django.urls import reverse

from councilwork.unavailable import RETRY_AFTER_SECONDS

pytestmark = pytest.mark.django_db
SUMMARY = reverse("summary:page", args=[2023])
HEADING_VI = "Tạm thời không truy cập được, đang thử lại"
HEADING_EN = "Temporarily unavailable, retrying"


def outage(monkeypatch, error: Exception) -> None:
    """From now on every query fails with ``error``, as while PostgreSQL restarts."""

    def broken(self, *args, **kwargs):
        raise error

    monkeypatch.setattr(CursorWrapper, "_execute", broken)
    monkeypatch.setattr(CursorWrapper, "_executemany", broken)


def client_of(user=None) -> Client:
    # The default test client re-raises the view's exception; a browser sees the response.
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    return client


def assert_unavailable(response, heading: str = HEADING_VI) -> None:
    assert response.status_code == 503
    assert response.headers["Retry-After"] == str(RETRY_AFTER_SECONDS)
    assert response.headers["Refresh"] == str(RETRY_AFTER_SECONDS)
    assert "no-store" in response.headers["Cache-Control"]
    page = response.content.decode()
    assert heading in page
    assert 'id="error-503"' in page


@pytest.mark.parametrize(
    "error",
    [
        OperationalError("server closed the connection unexpectedly"),
        InterfaceError("connection already closed"),
        psycopg.OperationalError("terminating connection due to administrator command"),
    ],
    ids=["operational", "interface", "psycopg"],
)
def test_a_page_read_during_an_outage_is_a_vietnamese_503(monkeypatch, leader, error):
    client = client_of(leader)
    outage(monkeypatch, error)
    assert_unavailable(client.get(SUMMARY))
    monkeypatch.undo()
    # The outage over, the same browser gets the page again: nothing was left broken.
    response = client.get(SUMMARY)
    assert response.status_code == 200
    assert "Dương Kinh" in response.content.decode()


def test_a_form_sent_during_an_outage_is_a_503_saying_it_may_not_be_saved(monkeypatch):
    client = client_of()
    assert client.get(reverse("login")).status_code == 200
    outage(monkeypatch, OperationalError("could not connect to server: Connection refused"))
    response = client.post(reverse("login"), {"username": "p-leader", "password": "x"})
    assert_unavailable(response)
    assert "có thể chưa được lưu" in response.content.decode()


def test_the_503_page_speaks_the_language_the_user_chose(monkeypatch, leader):
    client = client_of(leader)
    client.cookies["django_language"] = "en"
    outage(monkeypatch, OperationalError("the database system is shutting down"))
    assert_unavailable(client.get(SUMMARY), heading=HEADING_EN)


def test_a_cache_that_cannot_be_reached_is_a_503_too(monkeypatch, leader):
    client = client_of(leader)

    def unreachable(*args, **kwargs):
        raise redis.ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(caches["default"], "get", unreachable)
    assert_unavailable(client.get(SUMMARY))


def test_a_redis_that_hangs_fails_the_page_with_a_503_in_seconds(settings, leader):
    client = client_of(leader)
    with socket.socket() as hanging:  # accepts connections, never answers
        hanging.bind(("127.0.0.1", 0))
        hanging.listen(16)
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": f"redis://127.0.0.1:{hanging.getsockname()[1]}/0",
                # What the settings give a Redis cache (tests/test_redis_cache.py).
                "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
            }
        }
        started = time.monotonic()
        response = client.get(SUMMARY)
    assert_unavailable(response)
    assert time.monotonic() - started < 10  # not gunicorn's 30 s worker timeout


def test_the_outage_is_logged_with_its_traceback(monkeypatch, leader, caplog):
    client = client_of(leader)
    outage(monkeypatch, OperationalError("server closed the connection unexpectedly"))
    with caplog.at_level(logging.ERROR, logger="django.request"):
        client.get(SUMMARY)
    logged = [r for r in caplog.records if r.name == "django.request"]
    assert logged
    assert logged[-1].exc_info[0] is OperationalError


def test_any_other_failure_is_still_a_500(monkeypatch, leader):
    client = client_of(leader)
    outage(monkeypatch, ValueError("a bug, not an outage"))
    response = client.get(SUMMARY)
    assert response.status_code == 500
    assert "Retry-After" not in response.headers
    assert 'id="error-500"' in response.content.decode()
