"""Accounts: every password set is validated, environment flags are strict, and the login
lockout can be neither stretched nor flooded, and records the client's real address."""

import datetime as dt
import os
import re
import runpy
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from axes.models import AccessAttempt, AccessLog
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from councilwork.models import User
from councilwork.settings import StrictEnv
from tests.conftest import PASSWORD
from tests.test_deploy import STRONG_KEY

pytestmark = pytest.mark.django_db

SETTINGS_FILE = Path(settings.BASE_DIR) / "councilwork" / "settings.py"
# Refused by MinimumLength, Common and Numeric; the second is close to its username.
WEAK = ["123", "p-secretariat-2024"]


def log_in(username, password, url=None, **headers):
    client = Client(**headers)
    return client.post(url or reverse("login"), {"username": username, "password": password})


# --- Every password set runs the validators --------------------------------------------


@pytest.mark.parametrize(
    ("username", "password", "reason"),
    [
        ("new-clerk", "123", "quá ngắn"),
        ("new-clerk", "12345678901", "hoàn toàn là số"),
        ("new-clerk", "password123", "quá phổ biến"),
        ("nguyenvana", "nguyenvana2024", "quá giống"),
    ],
)
def test_adduser_refuses_a_weak_password_and_creates_nobody(
    monkeypatch, username, password, reason
):
    monkeypatch.setenv("DJANGO_USER_PASSWORD", password)
    with pytest.raises(CommandError, match="Mật khẩu bị từ chối") as refused:
        call_command("adduser", username, "--role", "leader", stdout=StringIO())
    assert reason in str(refused.value)
    assert not User.objects.filter(username=username).exists()


def test_adduser_leaves_an_existing_password_as_it_was(monkeypatch, leader):
    monkeypatch.setenv("DJANGO_USER_PASSWORD", "123")
    with pytest.raises(CommandError, match="Mật khẩu bị từ chối"):
        call_command("adduser", leader.username, "--role", "leader", stdout=StringIO())
    leader.refresh_from_db()
    assert leader.check_password(PASSWORD)


def test_adduser_refuses_a_weak_password_typed_at_the_prompt(monkeypatch):
    monkeypatch.delenv("DJANGO_USER_PASSWORD", raising=False)
    monkeypatch.setattr("getpass.getpass", lambda prompt="": "123")
    with pytest.raises(CommandError, match="Mật khẩu bị từ chối"):
        call_command("adduser", "typed", "--role", "leader", stdout=StringIO())
    assert not User.objects.filter(username="typed").exists()


@pytest.mark.parametrize("password", ["123", "p-newclerk-2024"])
def test_the_admin_add_form_refuses_a_weak_password(superuser_client, password):
    response = superuser_client.post(
        reverse("admin:councilwork_user_add"),
        {
            "username": "p-newclerk",
            "usable_password": "true",
            "password1": password,
            "password2": password,
        },
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["password2"]
    assert not User.objects.filter(username="p-newclerk").exists()


@pytest.mark.parametrize("password", WEAK)
def test_the_admin_password_form_refuses_a_weak_password(superuser_client, secretariat, password):
    url = reverse("admin:auth_user_password_change", args=[secretariat.pk])
    response = superuser_client.post(
        url, {"usable_password": "true", "password1": password, "password2": password}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["password2"]
    secretariat.refresh_from_db()
    assert secretariat.check_password(PASSWORD)


@pytest.mark.parametrize("password", WEAK)
def test_changing_ones_own_password_refuses_a_weak_one(secretariat_client, secretariat, password):
    response = secretariat_client.post(
        reverse("admin:password_change"),
        {"old_password": PASSWORD, "new_password1": password, "new_password2": password},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["new_password2"]
    secretariat.refresh_from_db()
    assert secretariat.check_password(PASSWORD)


def test_a_strong_password_still_passes_every_path(monkeypatch, secretariat_client, secretariat):
    monkeypatch.setenv("DJANGO_USER_PASSWORD", "ba-con-mèo-trèo-cây-cau")
    call_command("adduser", "p-strong", "--role", "leader", stdout=StringIO())
    assert User.objects.get(username="p-strong").check_password("ba-con-mèo-trèo-cây-cau")
    response = secretariat_client.post(
        reverse("admin:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "ba-con-mèo-trèo-cây-cau",
            "new_password2": "ba-con-mèo-trèo-cây-cau",
        },
    )
    assert response.status_code == 302
    secretariat.refresh_from_db()
    assert secretariat.check_password("ba-con-mèo-trèo-cây-cau")


# --- Strict environment flags ----------------------------------------------------------


def flag_names(kind: str) -> list[str]:
    return re.findall(rf'env\.{kind}\(\s*"([A-Z_]+)"', SETTINGS_FILE.read_text())


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        *[(raw, True) for raw in ("true", "TRUE", "True", "1", "yes", "On", " on ")],
        *[(raw, False) for raw in ("false", "FALSE", "0", "no", "Off")],
    ],
)
def test_a_flag_reads_the_usual_spellings(monkeypatch, raw, value):
    monkeypatch.setenv("COUNCILWORK_TEST_FLAG", raw)
    assert StrictEnv().bool("COUNCILWORK_TEST_FLAG", default=not value) is value


@pytest.mark.parametrize("raw", ["ture", "flase", "2", "y", "ok", "enabled", "-1"])
def test_a_flag_that_is_not_clearly_true_or_false_is_refused(monkeypatch, raw):
    monkeypatch.setenv("COUNCILWORK_TEST_FLAG", raw)
    with pytest.raises(ImproperlyConfigured, match="COUNCILWORK_TEST_FLAG"):
        StrictEnv().bool("COUNCILWORK_TEST_FLAG", default=False)


def test_an_empty_or_missing_flag_takes_its_default(monkeypatch):
    monkeypatch.setenv("COUNCILWORK_TEST_FLAG", "")
    assert StrictEnv().bool("COUNCILWORK_TEST_FLAG", default=True) is True
    monkeypatch.delenv("COUNCILWORK_TEST_FLAG")
    assert StrictEnv().bool("COUNCILWORK_TEST_FLAG", default=False) is False
    with pytest.raises(ImproperlyConfigured, match="COUNCILWORK_TEST_FLAG must be set"):
        StrictEnv().bool("COUNCILWORK_TEST_FLAG")


def _load_settings(monkeypatch, **env):
    """Run the settings file afresh, in this process, with the given variables."""
    for name in os.environ:
        if name.startswith("DJANGO_") and name != "DJANGO_SETTINGS_MODULE":
            monkeypatch.delenv(name)
    monkeypatch.setenv("DJANGO_SECRET_KEY", STRONG_KEY)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(SETTINGS_FILE))


@pytest.mark.parametrize("name", flag_names("bool"))
def test_every_boolean_setting_refuses_an_unclear_value(monkeypatch, name):
    assert _load_settings(monkeypatch, **{name: "true"})  # the same variable, clearly set
    with pytest.raises(ImproperlyConfigured, match=name):
        _load_settings(monkeypatch, **{name: "ture"})


@pytest.mark.parametrize("name", flag_names("int"))
def test_every_number_setting_refuses_a_non_number(monkeypatch, name):
    with pytest.raises(ImproperlyConfigured, match=f"{name}='ten' is not a whole number"):
        # PostgreSQL's URL, for the settings read only with it (nothing connects).
        postgres = "postgres://councilwork@127.0.0.1:5432/councilwork"
        _load_settings(monkeypatch, DJANGO_DEBUG="true", DATABASE_URL=postgres, **{name: "ten"})


def test_the_flags_scanned_are_the_settings_flags():
    assert {"DJANGO_DEBUG", "DJANGO_SECURE_SSL_REDIRECT", "DJANGO_BEHIND_PROXY"} <= set(
        flag_names("bool")
    )
    assert "DJANGO_LOGIN_FAILURE_LIMIT" in flag_names("int")


def test_a_mistyped_debug_flag_stops_the_start():
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(DJANGO_DEBUG="ture", DJANGO_SETTINGS_MODULE="councilwork.settings")
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured: DJANGO_DEBUG='ture' is not a clear true or false" in result.stderr


# --- Lockout: not stretched, not flooded, the real address -----------------------------


def test_tries_while_locked_do_not_extend_the_lock(leader):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(leader.username, "wrong-password")
    # Nearly a whole cool-off later, the username is still locked ...
    locked_at = timezone.now() - settings.AXES_COOLOFF_TIME + dt.timedelta(minutes=1)
    AccessAttempt.objects.filter(username=leader.username).update(attempt_time=locked_at)
    for password in ("wrong-password", PASSWORD, "another-guess"):
        assert log_in(leader.username, password).status_code == 429
    # ... and those tries changed nothing: neither the count nor the start of the lock.
    attempt = AccessAttempt.objects.get(username=leader.username)
    assert attempt.failures_since_start == settings.AXES_FAILURE_LIMIT
    assert attempt.attempt_time == locked_at
    # So the lock ends when it was due to, one minute later.
    AccessAttempt.objects.update(attempt_time=locked_at - dt.timedelta(minutes=1, seconds=1))
    assert log_in(leader.username, PASSWORD).status_code == 302


def test_made_up_usernames_add_no_rows():
    for i in range(30):
        response = log_in(f"nobody-{i}", "wrong-password", REMOTE_ADDR=f"198.51.100.{i}")
        assert response.status_code == 200  # the form's error, never a lock
    log_in("x" * 300, "wrong-password")
    log_in("nul\x00name", "wrong-password")
    assert AccessAttempt.objects.count() == 0


def test_one_user_adds_at_most_the_failure_limit_of_rows(leader):
    # Every try from another address and browser: still one counter, and no row at all
    # once the username is locked.
    for i in range(20):
        log_in(
            leader.username,
            "wrong-password",
            REMOTE_ADDR=f"198.51.100.{i}",
            HTTP_USER_AGENT=f"browser-{i}",
        )
    rows = AccessAttempt.objects.filter(username=leader.username)
    assert rows.count() == settings.AXES_FAILURE_LIMIT
    assert sum(r.failures_since_start for r in rows) == settings.AXES_FAILURE_LIMIT
    assert log_in(leader.username, PASSWORD).status_code == 429


def test_rows_older_than_the_cool_off_are_removed(leader, secretariat):
    for _ in range(3):
        log_in(leader.username, "wrong-password")
    past = timezone.now() - settings.AXES_COOLOFF_TIME - dt.timedelta(seconds=1)
    AccessAttempt.objects.update(attempt_time=past)
    log_in(secretariat.username, "wrong-password")
    assert list(AccessAttempt.objects.values_list("username", flat=True)) == [secretariat.username]


@pytest.mark.parametrize(
    ("behind_proxy", "forwarded", "recorded"),
    [
        (True, "203.0.113.7", "203.0.113.7"),
        # A proxy that appends: the entry it added is the last one, the rest is hearsay.
        (True, "10.9.9.9, 203.0.113.7", "203.0.113.7"),
        (True, "2001:db8::7", "2001:db8::7"),
        (True, "not-an-address", "127.0.0.1"),
        (True, "", "127.0.0.1"),
        # Without a proxy in front, the header is the client's own claim: ignored.
        (False, "203.0.113.7", "127.0.0.1"),
    ],
)
def test_the_recorded_address(settings, leader, behind_proxy, forwarded, recorded):
    settings.BEHIND_PROXY = behind_proxy
    headers = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": forwarded}
    assert log_in(leader.username, "wrong-password", **headers).status_code == 200
    assert AccessAttempt.objects.get(username=leader.username).ip_address == recorded
    assert log_in(leader.username, PASSWORD, **headers).status_code == 302
    assert AccessLog.objects.filter(username=leader.username).get().ip_address == recorded
