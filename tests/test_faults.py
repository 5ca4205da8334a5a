"""Writes to read-only pages, oversized queries and a lost database get calm, static answers."""

import urllib.error
import urllib.request
from http import HTTPStatus
from urllib.parse import urlencode, urlsplit, urlunsplit

import pytest
import redis

from django.db import OperationalError

from config.faults import MAX_QUERY_STRING_LENGTH, READER_MAX_BYTES, READER_MAX_FIELDS
from tests.live_server import (
    LiveSite,
    free_port,
    fresh_database_url,
    postgres_server_url,
    uses_postgresql,
)
from tests.tcp_proxy import TcpProxy

ARTICLE = "/chronic-pain/anxiety-and-chronic-pain/"
URLENCODED = "application/x-www-form-urlencoded"
REDIS_URL = "redis://127.0.0.1:6379/13"


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize("path", ["/", "/chronic-pain/", ARTICLE, "/healthz"])
def test_writing_to_a_public_page_is_not_allowed(client, method, path):
    response = getattr(client, method)(path)
    assert response.status_code == HTTPStatus.METHOD_NOT_ALLOWED
    assert response["Allow"] == "GET, HEAD"
    assert b"This page can be read but not changed." in response.content


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    ["/robots.txt", "/sitemap.xml", "/feeds/rss.xml", "/search/", "/topics/stress/", "/privacy/"],
)
def test_writing_to_a_route_outside_the_page_tree_is_refused_without_the_database(
    client, django_assert_num_queries, path
):
    with django_assert_num_queries(0):
        response = client.post(path)
    assert response.status_code == HTTPStatus.METHOD_NOT_ALLOWED
    assert response["Allow"] == "GET, HEAD"


@pytest.mark.django_db
def test_a_contact_page_accepts_a_posted_form(client):
    response = client.post("/contact/", {"your_name": "Ada"})
    assert response.status_code == HTTPStatus.OK
    assert b"There is a problem" in response.content


@pytest.mark.django_db
def test_writing_to_a_missing_page_finds_nothing(client):
    assert client.post("/no-such-page/").status_code == HTTPStatus.NOT_FOUND


@pytest.mark.django_db
def test_the_admin_still_accepts_forms(client):
    response = client.post("/admin/login/", {"username": "nobody", "password": "x"})
    assert response.status_code == HTTPStatus.OK


@pytest.mark.django_db
def test_an_oversized_query_string_is_refused_with_a_page(client):
    response = client.get("/", {"q": "x" * MAX_QUERY_STRING_LENGTH})
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert b"could not be understood" in response.content


@pytest.mark.django_db
@pytest.mark.parametrize("urlencoded", [False, True])
def test_a_readers_form_keeps_djangos_field_limit_though_the_admin_allows_more(client, urlencoded):
    fields = {f"field-{n}": "x" for n in range(READER_MAX_FIELDS + 1)}
    if urlencoded:
        response = client.post("/contact/", urlencode(fields), content_type=URLENCODED)
    else:
        response = client.post("/contact/", fields)
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert b"could not be understood" in response.content


@pytest.mark.django_db
def test_a_readers_form_keeps_djangos_size_limit_though_the_admin_allows_more(client):
    body = urlencode({"your_name": "x" * READER_MAX_BYTES})
    response = client.post("/contact/", body, content_type=URLENCODED)
    assert response.status_code == HTTPStatus.BAD_REQUEST


@pytest.mark.django_db
def test_a_query_string_keeps_djangos_field_limit(client):
    query = "&".join(f"q{n}=x" for n in range(READER_MAX_FIELDS + 1))
    assert client.get(f"/search/?{query}").status_code == HTTPStatus.BAD_REQUEST


@pytest.mark.django_db
def test_a_database_error_gives_a_friendly_503_without_details(client, monkeypatch):
    def fail(*args, **kwargs):
        raise OperationalError('could not connect to server at "db.internal" (10.0.0.5)')

    monkeypatch.setattr("wagtail.models.Site.find_for_request", fail)
    response = client.get(ARTICLE)
    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    assert b"Back soon" in response.content
    assert b"10.0.0.5" not in response.content


def fetch(url):
    """Status, headers and body of a GET, whatever the status."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def unreachable_database_url(workdir):
    if uses_postgresql():
        return f"postgres://postgres@127.0.0.1:{free_port()}/nothing"
    return f"sqlite:///{workdir / 'missing' / 'db.sqlite3'}"


@pytest.fixture(scope="module")
def site_without_database(tmp_path_factory):
    """As deployed, with Redis, whose cache holds none of the site data (as after any
    site-wide change)."""
    workdir = tmp_path_factory.mktemp("down")
    site = LiveSite(workdir, name="faults_down")
    site.manage("collectstatic", "--noinput")
    redis.Redis.from_url(REDIS_URL).flushdb()
    yield site.serve(DATABASE_URL=unreachable_database_url(workdir), REDIS_URL=REDIS_URL)
    site.stop()


@pytest.mark.parametrize(
    "path", ["/", ARTICLE, "/search/?q=pain", "/feeds/rss.xml", "/sitemap.xml"]
)
def test_with_the_database_down_readers_get_a_static_503_page(site_without_database, path):
    status, headers, body = fetch(site_without_database.url + path)
    assert status == HTTPStatus.SERVICE_UNAVAILABLE
    assert headers["Retry-After"] == "30"
    assert b"Back soon" in body
    assert b"Traceback" not in body
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]


def test_with_the_database_down_health_says_alive_but_not_ready(site_without_database):
    assert fetch(site_without_database.url + "/healthz")[0] == HTTPStatus.OK
    status, _headers, body = fetch(site_without_database.url + "/readyz")
    assert status == HTTPStatus.SERVICE_UNAVAILABLE
    assert b'"database": "unreachable"' in body


def test_pages_come_back_by_themselves_when_the_database_returns(tmp_path):
    """Cutting the network needs a database server: PostgreSQL, whatever the suite runs on."""
    database_url = fresh_database_url(tmp_path, "faults_outage", postgres_server_url())
    site = LiveSite(tmp_path, database_url=database_url)
    site.prepare()
    parts = urlsplit(site.env["DATABASE_URL"])
    proxy = TcpProxy(parts.hostname, parts.port or 5432).open()
    via_proxy = urlunsplit(parts._replace(netloc=f"{parts.username}@127.0.0.1:{proxy.port}"))
    site.serve(DATABASE_URL=via_proxy, PAGE_CACHE_SECONDS="0")  # every read reaches the database
    try:
        assert fetch(site.url + ARTICLE)[0] == HTTPStatus.OK
        proxy.close()
        assert fetch(site.url + ARTICLE)[0] == HTTPStatus.SERVICE_UNAVAILABLE
        proxy.open()
        assert [fetch(site.url + ARTICLE)[0] for _ in range(4)] == [HTTPStatus.OK] * 4
    finally:
        site.stop()
        proxy.close()
