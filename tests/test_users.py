"""Logins and roles: the adduser command and the service behind it."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from councilwork.models import User
from councilwork.services import user_role

pytestmark = pytest.mark.django_db


def test_adduser_creates_a_ward_staff_login_from_the_environment(monkeypatch, ward_b):
    monkeypatch.setenv("DJANGO_USER_PASSWORD", "a-strong-password-9")
    call_command("adduser", "dp-staff", "--role", "ward", "--council", "da-phuc", stdout=StringIO())
    user = User.objects.get(username="dp-staff")
    assert user.council == ward_b
    assert user_role(user) == "ward"
    assert not user.is_staff
    assert user.check_password("a-strong-password-9")


def test_adduser_updates_the_role_of_an_existing_login(monkeypatch):
    monkeypatch.setenv("DJANGO_USER_PASSWORD", "a-strong-password-9")
    call_command("adduser", "someone", "--role", "leader", stdout=StringIO())
    call_command("adduser", "someone", "--role", "secretariat", stdout=StringIO())
    user = User.objects.get(username="someone")
    assert user_role(user) == "secretariat"
    assert user.groups.count() == 1
    assert user.has_perm("oversight.change_oversightactivity")


def test_ward_staff_need_a_council(monkeypatch):
    monkeypatch.setenv("DJANGO_USER_PASSWORD", "a-strong-password-9")
    with pytest.raises(CommandError, match="phải được gắn với một HĐND"):
        call_command("adduser", "nobody", "--role", "ward", stdout=StringIO())
    assert not User.objects.filter(username="nobody").exists()


def test_unknown_council_is_refused(monkeypatch):
    monkeypatch.setenv("DJANGO_USER_PASSWORD", "a-strong-password-9")
    with pytest.raises(CommandError):
        call_command("adduser", "x", "--role", "ward", "--council", "nowhere", stdout=StringIO())


def test_no_password_without_a_terminal(monkeypatch):
    monkeypatch.delenv("DJANGO_USER_PASSWORD", raising=False)
    monkeypatch.setattr("getpass.getpass", lambda prompt="": (_ for _ in ()).throw(EOFError))
    with pytest.raises(CommandError):
        call_command("adduser", "x", "--role", "leader", stdout=StringIO())
    assert not User.objects.filter(username="x").exists()
