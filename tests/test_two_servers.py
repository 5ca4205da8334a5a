"""Two app servers sharing one PostgreSQL database and one Redis serve the same site: a change
published through one is read from the other at once."""

import os
import urllib.request

import pytest
import redis

from tests.live_server import LiveSite, fresh_database_url, postgres_server_url

ARTICLE = "/chronic-pain/anxiety-and-chronic-pain/"
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/7")
PUBLISH = """
from articles.models import ArticlePage
article = ArticlePage.objects.get(slug="anxiety-and-chronic-pain")
article.title = "Published through the first server"
article.save_revision().publish()
"""


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    server_url = postgres_server_url()
    workdir = tmp_path_factory.mktemp("two")
    database_url = fresh_database_url(workdir, "two_servers", server_url)
    redis.Redis.from_url(REDIS_URL).flushdb()
    first = LiveSite(workdir, database_url=database_url, REDIS_URL=REDIS_URL)
    first.prepare()
    second = LiveSite(workdir, database_url=database_url, REDIS_URL=REDIS_URL)
    sites = [first.start(), second.start()]
    yield sites
    for site in sites:
        site.stop()


def read(site, path):
    with urllib.request.urlopen(site.url + path, timeout=10) as response:
        return response.headers, response.read().decode()


def test_a_page_cached_by_one_server_is_served_from_the_shared_cache_by_the_other(servers):
    first, second = servers
    read(first, "/mind-body-science/")
    headers, _ = read(second, "/mind-body-science/")
    assert headers["X-Cache"] == "hit"


def test_a_change_published_through_one_server_is_read_from_the_other_at_once(servers):
    """Every worker of the second server has served the page from its own copy before."""
    first, second = servers
    read(second, ARTICLE)
    assert all(read(second, ARTICLE)[0]["X-Cache"] == "hit" for _ in range(8))
    first.manage("shell", "--command", PUBLISH)
    readings = [read(second, ARTICLE) for _ in range(8)]
    assert all("Published through the first server" in html for _, html in readings)
    assert readings[0][0]["X-Cache"] == "miss"


def test_static_files_are_compressed_and_cached_for_ever(servers):
    _, html = read(servers[0], "/")
    stylesheet = html.split('rel="stylesheet" href="')[1].split('"')[0]
    request = urllib.request.Request(servers[1].url + stylesheet, headers={"Accept-Encoding": "br"})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.headers["Content-Encoding"] == "br"
        assert "immutable" in response.headers["Cache-Control"]
        assert "max-age=315360000" in response.headers["Cache-Control"]
