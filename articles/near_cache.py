"""Each server process's own copies of the pages it serves most, so a page read again and again
is not fetched from Redis every time: that round trip was most of the cost of a cached page.

A copy is good only until the page cache next changes. Every change is announced on a Redis
channel (`announce_change`, called by `articles.caching.forget` once the new generations are
written), and before using a copy a process reads, without waiting, any announcement waiting on
its subscription; one drops every copy. Redis sends an announcement to each subscriber in the
same pass of its event loop as its answer to the publisher, so by the time the editor who made
the change sees it saved, every process has the news waiting on its socket. A process not
subscribed (Redis unreachable, the subscription lost) keeps no copies: it may have missed news.

A subscription that says nothing may be one that can no longer hear (a network that drops every
packet), so after PING_SECONDS of quiet a process asks it for a PING reply, and one quiet for
RENEW_SECONDS is replaced. Whenever a process subscribes anew it may have missed news, and Redis
may have missed changes made while it could not be reached; `subscribed` is sent then, so that
those changes are applied before the process reads the cache again (articles/caching.py).
Copies also expire after COPY_SECONDS. Every call is bounded by REDIS_TIMEOUT_SECONDS and goes
through the process's circuit breaker (articles/breaker.py).
"""

import functools
import os
import threading
import time

import redis
from redis.backoff import NoBackoff
from redis.connection import parse_url
from redis.exceptions import RedisError
from redis.retry import Retry

from django.conf import settings
from django.dispatch import Signal

from articles.breaker import breaker_for

COPY_SECONDS = 60
MAX_COPIES = 500
PING_SECONDS = 1
RENEW_SECONDS = 2

subscribed = Signal()


class NearCache:
    """Copies of page cache entries, trusted while this process's subscription says nothing changed.

    `get` returns a copy (or None) and a token; `keep` takes the token back and keeps the entry
    only if no change was announced in between, so an entry read before a change is never kept
    after it, whichever thread heard the announcement.
    """

    def __init__(self, url):
        self._url = url
        self._breaker = breaker_for(url)
        self._lock = threading.Lock()
        self._copies = {}
        self._changes = 0
        self._connection = None
        self._pid = None
        self._failures = None  # the breaker's count when this subscription was made
        self._heard = 0.0  # when the subscription last said anything
        self._pinged = False

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
        if not self._breaker.allows():
            self._unsubscribe()
            return False
        try:
            if self._must_renew():
                self._subscribe()
            self._listen()
        except RedisError as error:
            self._breaker.failed(error)
            self._unsubscribe()
            return False
        if self._failures != self._breaker.failures:  # the missed changes could not be applied
            self._unsubscribe()
            return False
        self._breaker.succeeded()
        return True

    def _must_renew(self):
        """Whether the subscription may have missed news: none yet, a fork, a Redis failure in
        this process since it was made, or a quiet that a PING did not break."""
        return (
            self._connection is None
            or self._pid != os.getpid()
            or self._failures != self._breaker.failures
            or time.monotonic() - self._heard > RENEW_SECONDS
        )

    def _listen(self):
        while self._connection.can_read(timeout=0):
            reply = self._connection.read_response()
            self._heard, self._pinged = time.monotonic(), False
            if reply[0] == b"message":
                self._forget_copies()
        if not self._pinged and time.monotonic() - self._heard > PING_SECONDS:
            self._connection.send_command("PING")
            self._pinged = True

    def _subscribe(self):
        """Subscribe on a connection of our own, wait until Redis confirms it, then let the
        changes Redis missed be applied."""
        self._unsubscribe()
        failures = self._breaker.failures
        connection = connection_pool(self._url).make_connection()
        connection.send_command("SUBSCRIBE", channel(self._url))
        connection.read_response()
        self._connection, self._pid, self._failures = connection, os.getpid(), failures
        self._heard, self._pinged = time.monotonic(), False
        subscribed.send(sender=NearCache)

    def _unsubscribe(self):
        self._forget_copies()
        if self._connection is not None and self._pid == os.getpid():
            self._connection.disconnect()
        self._connection = None

    def _forget_copies(self):
        self._copies.clear()
        self._changes += 1


def announce_change():
    """Tell every process to drop its copies; whether Redis heard (always true without Redis)."""
    if not settings.REDIS_URL:
        return True
    url = settings.REDIS_URL
    client = redis.Redis(connection_pool=connection_pool(url))
    return breaker_for(url).ask(lambda: client.publish(channel(url), b"") is not None, False)


@functools.cache
def connection_pool(url):
    """Connections that wait at most REDIS_TIMEOUT_SECONDS for anything, and never retry."""
    seconds = settings.REDIS_TIMEOUT_SECONDS
    return redis.ConnectionPool.from_url(
        url, socket_connect_timeout=seconds, socket_timeout=seconds, retry=Retry(NoBackoff(), 0)
    )


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
