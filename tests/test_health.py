"""/healthz says the process is up; /readyz says whether the database and cache answer."""

import json
import os
from http import HTTPStatus

import pytest
import redis

from django.core.cache import caches
from django.db import OperationalError

pytestmark = pytest.mark.django_db

UNREACHABLE_REDIS = {
    "default": {
        "BACKEND": "config.cache.ForgivingRedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
}


def redis_answers(url):
    try:
        return redis.Redis.from_url(url, socket_connect_timeout=0.5).ping()
    except redis.RedisError:
        return False


@pytest.fixture
def redis_down(settings):
    settings.CACHES = UNREACHABLE_REDIS


@pytest.fixture
def redis_up(settings):
    url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15")
    if not redis_answers(url):
        pytest.skip("no Redis server to talk to")
    location = {"LOCATION": url, "KEY_PREFIX": "library-tests"}
    settings.CACHES = {"default": {**UNREACHABLE_REDIS["default"], **location}}


def test_healthz_answers_without_touching_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == HTTPStatus.OK
    assert response.json() == {"status": "ok"}


@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
def test_health_answers_are_never_cached(client, path):
    assert "no-store" in client.get(path)["Cache-Control"]


def test_readyz_is_ok_when_database_and_cache_answer(client):
    response = client.get("/readyz")
    assert response.status_code == HTTPStatus.OK
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "cache": "ok"}}


def test_readyz_is_ok_with_redis_as_the_cache(client, redis_up):
    response = client.get("/readyz")
    assert response.status_code == HTTPStatus.OK
    assert response.json()["checks"]["cache"] == "ok"


def test_readyz_names_the_database_when_it_is_unreachable(client, monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("connection refused by 10.0.0.5 for user library")

    monkeypatch.setattr("config.health.connection.cursor", refuse)
    response = client.get("/readyz")
    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert response.json()["checks"] == {"database": "unreachable", "cache": "ok"}
    assert b"10.0.0.5" not in response.content


def test_readyz_names_the_cache_when_redis_is_unreachable(client, redis_down):
    response = client.get("/readyz")
    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert response.json()["checks"] == {"database": "ok", "cache": "unreachable"}
    assert b"redis://" not in response.content


def test_pages_are_still_served_when_redis_is_unreachable(client, redis_down, articles):
    assert client.get("/").status_code == HTTPStatus.OK
    assert client.get(articles[0].url).status_code == HTTPStatus.OK


def test_the_forgiving_cache_reads_nothing_and_raises_nothing_while_redis_is_down(redis_down):
    cache = caches["default"]
    cache.set("key", "value")
    assert cache.get("key", "fallback") == "fallback"
    assert cache.get_many(["key"]) == {}
    assert cache.add("key", "value") is False
    assert cache.delete("key") is False


def test_health_bodies_are_json(client):
    for path in ("/healthz", "/readyz"):
        assert json.loads(client.get(path).content)
