"""With Redis refusing, dropping or black-holing connections (a relay of the tests' own between
a gunicorn-served site and a real Redis), pages stay quick, a publish completes, and what was
published meanwhile is what readers get once Redis is back."""

import time
import urllib.error
import urllib.request
from http import HTTPStatus

import pytest
import redis

from articles.breaker import REST_SECONDS
from articles.near_cache import RENEW_SECONDS
from tests.live_server import LiveSite

ARTICLE = "/chronic-pain/anxiety-and-chronic-pain/"
REDIS_URL = "redis://127.0.0.1:6379/12"
PUBLISH = """
import time
from articles.models import ArticlePage
article = ArticlePage.objects.get(slug="anxiety-and-chronic-pain")
article.title = {title!r}
started = time.monotonic()
article.save_revision().publish()
print(time.monotonic() - started)
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory, relay):
    redis.Redis.from_url(REDIS_URL).flushdb()
    site = LiveSite(
        tmp_path_factory.mktemp("redis"), name="redis_faults", REDIS_URL=relay.url_for(REDIS_URL)
    )
    yield site.start()
    site.stop()


@pytest.fixture
def outage(relay):
    """The relay, opened again after the test whatever it did."""
    yield relay
    relay.open()


def read(site, path):
    """Status, headers, body and seconds taken of a GET."""
    started = time.monotonic()
    try:
        with urllib.request.urlopen(site.url + path, timeout=30) as response:
            answer = response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        answer = error.code, error.headers, error.read().decode()
    return (*answer, time.monotonic() - started)


def publish(site, title):
    """Publish the article with a new title from a process of its own; the seconds it took."""
    return float(site.python(PUBLISH.format(title=title), timeout=60))


def read_for(site, seconds):
    """Read the article again and again for `seconds`; every reading."""
    readings, deadline = [], time.monotonic() + seconds
    while time.monotonic() < deadline:
        readings.append(read(site, ARTICLE))
    return readings


def cached_everywhere(site):
    """Read the article until each worker serves it from the cache."""
    for _ in range(8):
        read(site, ARTICLE)


@pytest.mark.parametrize("fault", ["close", "drop", "black_hole"])
def test_a_change_published_while_redis_fails_is_what_readers_get_once_it_is_back(
    site, outage, fault
):
    title = f"Published while Redis could not be reached ({fault})"
    cached_everywhere(site)
    getattr(outage, fault)()
    publish(site, title)
    read_for(site, RENEW_SECONDS + 1)  # readers come and go during the outage too
    outage.open()
    readings = read_for(site, REST_SECONDS + 3)
    shown = [(headers["X-Cache"], title in body) for _status, headers, body, _seconds in readings]
    assert all(fresh for _cache, fresh in shown), shown
    assert readings[-1][1]["X-Cache"] == "hit"  # and the cache serves again
    assert (
        site.python(
            "from articles.models import UnheardChange\nprint(UnheardChange.objects.count())"
        )
        == "0"
    )


def test_with_redis_black_holed_pages_stay_quick_and_a_publish_completes(site, outage):
    cached_everywhere(site)
    seconds_normally = publish(site, "Published while Redis answered")
    outage.black_hole()
    paths = ["/healthz", "/", ARTICLE, "/mind-body-science/", "/readyz"]
    readings = {path: [read(site, path) for _ in range(5)] for path in paths}
    seconds_to_publish = publish(site, "Published while Redis was black-holed")
    slowest = {path: max(reading[3] for reading in each) for path, each in readings.items()}
    assert max(slowest.values()) < 1, slowest
    assert seconds_to_publish < seconds_normally + 1
    assert {reading[0] for reading in readings["/readyz"]} == {HTTPStatus.SERVICE_UNAVAILABLE}
    assert {reading[0] for reading in readings[ARTICLE]} == {HTTPStatus.OK}
