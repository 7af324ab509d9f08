"""CACHE_URL=redis://... makes Django's RedisCache the shared cache, in the app and in
the tests (CI runs the PostgreSQL suite on it: .ci/run)."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.cache import cache

REDIS = "councilwork.redis_cache.RedisCache"  # Django's, its client reused
on_redis = pytest.mark.skipif(
    settings.CACHES["default"]["BACKEND"] != REDIS, reason="the suite runs on another cache"
)


def caches_from(cache_url: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        CACHE_URL=cache_url, DJANGO_DEBUG="true", DJANGO_SETTINGS_MODULE="councilwork.settings"
    )
    code = "import json; from django.conf import settings; print(json.dumps(settings.CACHES))"
    out = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])["default"]


def test_a_redis_url_selects_the_redis_cache_with_timeouts():
    chosen = caches_from("redis://127.0.0.1:6379/3")
    assert chosen["BACKEND"] == REDIS
    assert chosen["LOCATION"] == "redis://127.0.0.1:6379/3"
    # redis-py's connections get the OPTIONS: no MAX_ENTRIES (redis-py refuses it), and
    # a Redis that hangs fails the request in 2 s.
    assert chosen["OPTIONS"] == {"socket_connect_timeout": 2, "socket_timeout": 2}


def test_a_redis_password_in_the_url_reaches_redis_py():
    chosen = caches_from("redis://:s3cret-Pass@10.0.0.20:6379/0")
    assert chosen["LOCATION"] == "redis://:s3cret-Pass@10.0.0.20:6379/0"


def test_the_database_cache_stays_the_default_with_room_for_every_council():
    chosen = caches_from("dbcache://councilwork_cache")
    assert chosen["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    assert chosen["OPTIONS"] == {"MAX_ENTRIES": 100_000}


@on_redis
def test_the_tests_use_the_redis_of_cache_url():
    assert settings.CACHES["default"]["LOCATION"] == os.environ["CACHE_URL"]
    cache.set("test-redis-left-over", "from an earlier test", timeout=600)
    assert cache.get("test-redis-left-over") == "from an earlier test"


@on_redis
def test_each_test_starts_with_an_empty_redis():
    # The test above left an entry; tests/conftest.py empties the database before each test.
    assert cache.get("test-redis-left-over") is None


def test_redis_replies_are_parsed_by_hiredis():
    """redis-py uses hiredis's C parser when it is installed (requirements): the session
    every logged-in request reads from Redis is parsed in C, not in Python."""
    import redis.utils

    assert redis.utils.HIREDIS_AVAILABLE
