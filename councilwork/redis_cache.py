"""Django's RedisCache, with one redis-py client per server kept, not built per call.

Django's RedisCacheClient builds a new redis.Redis object (a table of some 170 response
callbacks) for every cache operation, on the one connection pool it keeps anyway; on a
logged-in page that is a measurable share of the request. redis.Redis is safe to share
between threads (each command takes a connection from the pool), so one per server is
kept and reused. Everything else, pools, timeouts and serialisation, is Django's.
"""

from django.core.cache.backends import redis as django_redis


class ReusedClient(django_redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(django_redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClient
