"""The pages reports.page_cache holds in the shared cache, counted in the cache itself."""

from django.conf import settings
from django.core.cache import cache
from django.db import connection

REDIS = settings.CACHES["default"]["BACKEND"].endswith("RedisCache")


def stored_page_count() -> int:
    """How many whole pages the cache holds now: Redis' keys, or the database cache's
    rows (its table rolls back with the test, conftest.empty_shared_cache empties Redis)."""
    if REDIS:
        client = cache._cache.get_client()
        return sum(1 for _key in client.scan_iter(match="*:html:*"))
    table = connection.ops.quote_name(settings.CACHES["default"]["LOCATION"])
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {table} WHERE cache_key LIKE %s", ["%:html:%"])
        return cursor.fetchone()[0]
