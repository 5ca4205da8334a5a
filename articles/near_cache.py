"""Each server process's own copies of the pages it serves most, so a page read again and again
is not fetched from Redis every time: that round trip was most of the cost of a cached page.

A copy is good only until the page cache next changes. Every change is announced on a Redis
channel (`announce_change`, called by `articles.caching.forget` once the new generations are
written), and before using a copy a process reads, without waiting, any announcement waiting on
its subscription; one drops every copy. Redis sends an announcement to each subscriber in the
same pass of its event loop as its answer to the publisher, so by the time the editor who made
the change sees it saved, every process has the news waiting on its socket. A process not
subscribed (Redis unreachable, the subscription lost) keeps no copies: it may have missed news.
Copies also expire after COPY_SECONDS, which bounds what a network fault nobody noticed costs.
"""

import functools
import logging
import os
import threading
import time

import redis
from redis.connection import parse_url
from redis.exceptions import RedisError

from django.conf import settings

COPY_SECONDS = 60
MAX_COPIES = 500

logger = logging.getLogger(__name__)


class NearCache:
    """Copies of page cache entries, trusted while this process's subscription says nothing changed.

    `get` returns a copy (or None) and a token; `keep` takes the token back and keeps the entry
    only if no change was announced in between, so an entry read before a change is never kept
    after it, whichever thread heard the announcement.
    """

    def __init__(self, url):
        self._url = url
        self._lock = threading.Lock()
        self._copies = {}
        self._changes = 0
        self._connection = None
        self._pid = None

    def get(self, key):
        with self._lock:
            if not self._subscribed():
                return None, None
            expires, entry = self._copies.get(key, (0, None))
            if expires < time.monotonic():
                entry = None
            return entry, self._changes

    def keep(self, key, entry, token):
        with self._lock:
            if token != self._changes:
                return
            if len(self._copies) >= MAX_COPIES:
                self._copies.pop(next(iter(self._copies)))
            self._copies[key] = (time.monotonic() + COPY_SECONDS, entry)

    def _subscribed(self):
        """Read waiting announcements; whether copies can be trusted."""
        try:
            if self._connection is None or self._pid != os.getpid():
                self._subscribe()
            while self._connection.can_read(timeout=0):
                self._connection.read_response()
                self._forget_copies()
            return True
        except RedisError as error:
            logger.warning("Page change announcements unavailable, copies not used: %s", error)
            self._forget_copies()
            self._connection = None
            return False

    def _subscribe(self):
        """Subscribe on a connection of our own, and wait until Redis confirms it."""
        self._forget_copies()
        self._connection = None
        pool = redis.ConnectionPool.from_url(
            self._url, socket_connect_timeout=0.5, socket_timeout=0.5
        )
        connection = pool.make_connection()
        connection.send_command("SUBSCRIBE", channel(self._url))
        connection.read_response()
        self._connection, self._pid = connection, os.getpid()

    def _forget_copies(self):
        self._copies.clear()
        self._changes += 1


def announce_change():
    """Tell every process to drop its copies; a no-op without Redis."""
    if not settings.REDIS_URL:
        return
    try:
        with redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=0.5) as client:
            client.publish(channel(settings.REDIS_URL), b"")
    except RedisError as error:
        logger.warning("Could not announce a page cache change: %s", error)


def channel(url):
    """The channel for changes to the pages cached in `url`'s database. Every database of a Redis
    server shares its channels, so a site kept in another database must not hear ours."""
    return f"pages:changed:{parse_url(url).get('db', 0)}"


def near_cache():
    """This process's near cache, or None unless pages are cached in Redis."""
    if not (settings.REDIS_URL and settings.PAGE_CACHE_SECONDS > 0):
        return None
    return _near_cache_for(settings.REDIS_URL)


@functools.cache
def _near_cache_for(url):
    return NearCache(url)
