"""A Redis cache that degrades to no cache while Redis is unreachable, so pages are still served,
and that builds its Redis client once rather than on every call."""

import logging
from contextlib import contextmanager

from redis.exceptions import RedisError

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient

logger = logging.getLogger(__name__)


@contextmanager
def unavailable_is_a_miss():
    """Let a Redis failure pass as a cache miss, logged once per call."""
    try:
        yield
    except RedisError as error:
        logger.warning("Cache unavailable, serving without it: %s", error)


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
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = OneClientPerPool

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        with unavailable_is_a_miss():
            return super().add(key, value, timeout, version)
        return False

    def get(self, key, default=None, version=None):
        with unavailable_is_a_miss():
            return super().get(key, default, version)
        return default

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        with unavailable_is_a_miss():
            super().set(key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        with unavailable_is_a_miss():
            return super().touch(key, timeout, version)
        return False

    def delete(self, key, version=None):
        with unavailable_is_a_miss():
            return super().delete(key, version)
        return False

    def get_many(self, keys, version=None):
        with unavailable_is_a_miss():
            return super().get_many(keys, version)
        return {}

    def has_key(self, key, version=None):
        with unavailable_is_a_miss():
            return super().has_key(key, version)
        return False

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        with unavailable_is_a_miss():
            return super().set_many(data, timeout, version)
        return list(data)

    def delete_many(self, keys, version=None):
        with unavailable_is_a_miss():
            super().delete_many(keys, version)

    def clear(self):
        with unavailable_is_a_miss():
            return super().clear()
        return False
