"""The page cache: what it serves to whom, and how it tells caches downstream what they may keep."""

import http.client
from http import HTTPStatus

import pytest
import redis

from articles.caching import PUBLIC, urls_showing
from articles.views import PageSitemap
from tests.live_server import LiveSite

ARTICLE = "/chronic-pain/anxiety-and-chronic-pain/"
LIVE_REDIS_URL = "redis://127.0.0.1:6379/14"


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 3600


def test_second_anonymous_read_of_an_article_is_served_from_the_cache(client, db):
    first, second = client.get(ARTICLE), client.get(ARTICLE)
    assert (first["X-Cache"], second["X-Cache"]) == ("miss", "hit")
    assert second.content == first.content


def test_cached_pages_may_be_kept_by_browsers_briefly_and_by_a_cdn_longer(client, db):
    response = client.get(ARTICLE)
    assert response["Cache-Control"] == PUBLIC
    assert "Cookie" in response["Vary"]
    assert client.get(ARTICLE)["Cache-Control"] == PUBLIC


def test_head_requests_are_answered_from_the_cache(client, db):
    client.get(ARTICLE)
    assert client.head(ARTICLE)["X-Cache"] == "hit"


def test_query_strings_are_cached_apart(client, db):
    client.get("/chronic-pain/")
    response = client.get("/chronic-pain/?page=1")
    assert response["X-Cache"] == "miss"


def test_a_page_of_a_listing_is_cached_under_the_page_it_shows(client, db):
    client.get("/chronic-pain/?page=1")
    assert client.get("/chronic-pain/?page=1")["X-Cache"] == "hit"


@pytest.mark.parametrize(
    "query", ["utm_source=newsletter", "fbclid=abc&gclid=def", "utm_medium=email&utm_campaign=x"]
)
def test_tracking_parameters_do_not_vary_the_cache(client, db, query):
    client.get("/chronic-pain/?page=1")
    assert client.get(f"/chronic-pain/?{query}&page=1")["X-Cache"] == "hit"
    client.get(ARTICLE)
    assert client.get(f"{ARTICLE}?{query}")["X-Cache"] == "hit"


@pytest.mark.parametrize(
    "url",
    [
        f"{ARTICLE}?page=2",
        f"{ARTICLE}?ref=x",
        "/chronic-pain/?page=01",
        "/chronic-pain/?page=1&page=1",
        "/chronic-pain/?page=1&sort=new",
        "/sitemap-pages.xml?p=01",
    ],
)
def test_parameters_a_page_does_not_read_as_written_are_answered_but_not_kept(client, db, url):
    client.get(url)
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    assert "X-Cache" not in response
    assert response["Cache-Control"] == "private, no-store"


def test_logged_in_editors_are_never_served_or_given_cached_pages(editor_client, db):
    editor_client.get(ARTICLE)
    response = editor_client.get(ARTICLE)
    assert "X-Cache" not in response
    assert "wagtail-userbar" in response.content.decode()
    assert response["Cache-Control"] == "private, no-store"


def test_an_editor_never_sees_the_anonymous_copy(client, editor_client, db):
    client.get(ARTICLE)
    assert "wagtail-userbar" in editor_client.get(ARTICLE).content.decode()


def test_admin_and_previews_are_never_cached(editor_client, articles):
    preview = f"/admin/pages/{articles[0].pk}/edit/preview/"
    for url in ("/admin/", preview):
        response = editor_client.get(url)
        assert "X-Cache" not in response
        assert "no-store" in response["Cache-Control"]


def test_missing_pages_are_not_cached(client, db):
    client.get("/no-such-page/")
    response = client.get("/no-such-page/")
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert "X-Cache" not in response
    assert response["Cache-Control"] == "private, no-store"


def test_posts_pass_through_uncached(client, db):
    response = client.post(ARTICLE)
    assert "X-Cache" not in response


def test_an_article_is_shown_on_its_own_page_its_section_and_the_home_page(articles):
    article = next(page for page in articles if page.url_path.endswith(ARTICLE))
    assert {
        "http://testserver/",
        "http://testserver/chronic-pain/",
        "http://testserver" + ARTICLE,
    } <= set(urls_showing(article))


def test_a_section_shows_on_every_page_through_the_navigation(articles):
    section = articles[0].get_parent()
    urls = urls_showing(section)
    assert {"http://testserver/", *(article.full_url for article in articles)} <= set(urls)


@pytest.mark.parametrize("url", ["/contact/", "/newsletter/"])
def test_pages_with_a_form_are_never_served_from_the_cache(client, db, url):
    first, second = client.get(url), client.get(url)
    assert second.status_code == HTTPStatus.OK
    assert "X-Cache" not in second
    assert "csrftoken" in second.cookies
    assert first["Cache-Control"] != PUBLIC
    assert "no-store" in second["Cache-Control"]


@pytest.fixture(scope="module")
def live_cached_site(tmp_path_factory):
    """The site as `make run` serves it, caching pages in its own Redis database."""
    redis.Redis.from_url(LIVE_REDIS_URL).flushdb()
    site = LiveSite(tmp_path_factory.mktemp("cached"), "cached", REDIS_URL=LIVE_REDIS_URL)
    yield site.start()
    site.stop()


def fetch(site, path, host=None):
    """Status, headers and body of a GET to the live site, with `host` as the Host header."""
    connection = http.client.HTTPConnection("127.0.0.1", site.port, timeout=10)
    connection.request("GET", path, headers={"Host": host} if host else {})
    response = connection.getresponse()
    body = response.read().decode()
    connection.close()
    return response.status, response.headers, body


def redis_memory():
    client = redis.Redis.from_url(LIVE_REDIS_URL)
    return client.dbsize(), client.info("memory")["used_memory"]


def test_a_cached_page_answers_only_the_allowed_hosts(live_cached_site):
    fetch(live_cached_site, "/")
    assert fetch(live_cached_site, "/")[1]["X-Cache"] == "hit"
    status, headers, body = fetch(live_cached_site, "/", host="evil.example")
    assert status == HTTPStatus.BAD_REQUEST
    assert "X-Cache" not in headers
    assert "Bad request" in body


def test_a_feed_read_through_another_host_links_only_to_the_base_url(live_cached_site):
    feed = "/feeds/sections/chronic-pain/atom.xml"
    fetch(live_cached_site, feed, host=f"localhost:{live_cached_site.port}")
    _, headers, body = fetch(live_cached_site, feed)
    assert headers["X-Cache"] == "hit"
    assert "localhost" not in body
    assert f'href="{live_cached_site.url}{feed}" rel="self"' in body


def test_tracking_parameters_are_served_from_the_one_cached_page(live_cached_site):
    fetch(live_cached_site, "/mind-body-science/")
    keys_before, _ = redis_memory()
    caches = [
        fetch(live_cached_site, f"/mind-body-science/?utm_source=x{n}&fbclid={n}")[1]["X-Cache"]
        for n in range(300)
    ]
    assert caches.count("hit") == 300
    assert redis_memory()[0] == keys_before


def test_parameters_no_page_reads_add_nothing_to_the_cache(live_cached_site):
    fetch(live_cached_site, ARTICLE)
    keys_before, memory_before = redis_memory()
    for n in range(300):
        status, _, _ = fetch(live_cached_site, f"{ARTICLE}?page={n}&x={n}")
        assert status == HTTPStatus.OK
    keys_after, memory_after = redis_memory()
    assert keys_after == keys_before
    assert memory_after - memory_before < 100_000


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/chronic-pain/",
        ARTICLE,
        "/topics/stress/",
        "/search/?q=pain",
        "/feeds/rss.xml",
        "/feeds/atom.xml",
        "/feeds/sections/chronic-pain/rss.xml",
        "/feeds/sections/chronic-pain/atom.xml",
        "/feeds/topics/stress/rss.xml",
        "/feeds/topics/stress/atom.xml",
        "/sitemap.xml",
        "/sitemap-pages.xml",
        "/robots.txt",
        "/.well-known/security.txt",
    ],
)
def test_every_absolute_url_comes_from_the_base_url_whatever_host_asked(client, db, path):
    response = client.get(path, HTTP_HOST="localhost", secure=True)
    assert response.status_code == HTTPStatus.OK
    assert "localhost" not in response.content.decode()


def test_the_sitemap_index_links_to_the_base_url_whatever_host_asked(client, db, monkeypatch):
    monkeypatch.setattr(PageSitemap, "limit", 2)
    response = client.get("/sitemap.xml", HTTP_HOST="localhost", secure=True)
    body = response.content.decode()
    assert "<sitemapindex" in body
    assert "localhost" not in body
    assert "<loc>http://testserver/sitemap-pages.xml?p=2</loc>" in body
