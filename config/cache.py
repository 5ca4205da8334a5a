"""A Redis cache that degrades to no cache while Redis is unreachable, so pages are still served,
asks nothing of a Redis that failed lately (articles/breaker.py), and builds its Redis client
once rather than on every call."""

from functools import partial

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient

from articles.breaker import breaker_for


class OneClientPerPool(RedisCacheClient):
    """Django makes a new redis.Redis for every cache call, and redis-py fills a table of some two
    hundred reply handlers each time: a third of the work of serving a cached page. A client per
    connection pool, made once, does the same (redis-py clients are safe to share)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        if pool not in self._clients:
            self._clients[pool] = self._client(connection_pool=pool)
        return self._clients[pool]


class ForgivingRedisCache(RedisCache):
    """Every call answers as a miss (or a failed write) while Redis is failing."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = OneClientPerPool
        self._breaker = breaker_for(server)

    def _ask(self, otherwise, method, *args):
        return self._breaker.ask(partial(method, *args), otherwise)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._ask(False, super().add, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._ask(default, super().get, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._ask(None, super().set, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._ask(False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._ask(False, super().delete, key, version)

    def get_many(self, keys, version=None):
        return self._ask({}, super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._ask(False, super().has_key, key, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._ask(list(data), super().set_many, data, timeout, version)

    def delete_many(self, keys, version=None):
        self._ask(None, super().delete_many, keys, version)

    def clear(self):
        return self._ask(False, super().clear)
