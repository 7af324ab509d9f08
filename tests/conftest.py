"""Shared fixtures: the demo data (built once per run) and persona users and clients."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client

from councilwork import user_memo
from councilwork.models import Council
from councilwork.roles import Role
from councilwork.services import user_upsert

PASSWORD = "persona-password-1"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test starts from the Dương Kinh demo; each test's changes roll back."""
    with django_db_blocker.unblock():
        call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.fixture(autouse=True)
def empty_shared_cache():
    """Each test starts with an empty Redis cache (CACHE_URL=redis://...), as it does
    with the database cache, whose table rolls back with the test's changes.

    Redis outlives the test database and its transactions: without this, a page cached
    by another run, or by an earlier test that wrote around the app, could be read. A run
    on Redis needs a database number of its own (e.g. redis://127.0.0.1:6379/15).
    """
    if settings.CACHES["default"]["BACKEND"].endswith("RedisCache"):
        cache.clear()  # FLUSHDB of that database number only
    user_memo.MEMO.clear()  # the users this process remembers, under that cache's generation


@pytest.fixture
def district(db):
    return Council.objects.get(slug="duong-kinh")


@pytest.fixture
def ward_a(db):
    return Council.objects.get(slug="anh-dung")


@pytest.fixture
def ward_b(db):
    return Council.objects.get(slug="da-phuc")


def _persona(username, role, council=None):
    user, _created = user_upsert(username=username, role=role, council=council, password=PASSWORD)
    return user


@pytest.fixture
def secretariat(db):
    return _persona("p-secretariat", Role.SECRETARIAT)


@pytest.fixture
def leader(db):
    return _persona("p-leader", Role.LEADER)


@pytest.fixture
def ward_a_staff(ward_a):
    return _persona("p-ward-a", Role.WARD, ward_a)


@pytest.fixture
def ward_b_staff(ward_b):
    return _persona("p-ward-b", Role.WARD, ward_b)


def _client_for(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def secretariat_client(secretariat):
    return _client_for(secretariat)


@pytest.fixture
def leader_client(leader):
    return _client_for(leader)


@pytest.fixture
def ward_a_client(ward_a_staff):
    return _client_for(ward_a_staff)


@pytest.fixture
def superuser_client(db):
    from councilwork.models import User

    return _client_for(User.objects.create_superuser("p-superuser", password=PASSWORD))


@pytest.fixture
def anonymous_client():
    return Client()
