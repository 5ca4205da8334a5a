"""A process's own copies of cached pages are used only while it hears of every change."""

import pytest
import redis

from articles.near_cache import NearCache, announce_change

pytestmark = pytest.mark.django_db  # a new subscription applies changes kept in the database

REDIS_URL = "redis://127.0.0.1:6379/10"
KEY, ENTRY = "pages:response:abc", ("generation", [], b"<html>")


@pytest.fixture
def near(settings):
    settings.REDIS_URL = REDIS_URL
    return NearCache(REDIS_URL)


def kept(near):
    """A near cache holding ENTRY under KEY."""
    _, token = near.get(KEY)
    near.keep(KEY, ENTRY, token)
    assert near.get(KEY)[0] == ENTRY
    return near


def test_a_copy_is_used_until_a_change_is_announced(near):
    kept(near)
    announce_change()
    assert near.get(KEY)[0] is None


def test_an_entry_read_before_a_change_is_not_kept_after_it(near):
    _, token = near.get(KEY)
    announce_change()
    near.get("another page")  # the announcement is heard here, before the entry is kept
    near.keep(KEY, ENTRY, token)
    assert near.get(KEY)[0] is None


def test_a_change_to_a_site_in_another_redis_database_keeps_the_copies(near, settings):
    kept(near)
    settings.REDIS_URL = "redis://127.0.0.1:6379/11"
    announce_change()
    assert near.get(KEY)[0] == ENTRY


def test_copies_are_dropped_when_the_subscription_is_lost(near, monkeypatch):
    monkeypatch.setattr("articles.breaker.REST_SECONDS", 0)  # ask Redis again at once
    kept(near)
    address = f"127.0.0.1:{near._connection._sock.getsockname()[1]}"
    redis.Redis.from_url(REDIS_URL).client_kill(address)
    assert near.get(KEY) == (None, None)
    assert kept(near).get(KEY)[0] == ENTRY  # subscribed again on the next read


def test_without_redis_nothing_is_kept_and_nothing_fails(settings, caplog):
    settings.REDIS_URL = "redis://127.0.0.1:9/0"
    near = NearCache(settings.REDIS_URL)
    _, token = near.get(KEY)
    near.keep(KEY, ENTRY, token)
    announce_change()
    assert near.get(KEY) == (None, None)
    assert "Redis unavailable" in caplog.text
