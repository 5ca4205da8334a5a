"""The page cache: what it serves to whom, and how it tells caches downstream what they may keep."""

from http import HTTPStatus

import pytest

from articles.caching import PUBLIC, urls_showing

ARTICLE = "/chronic-pain/anxiety-and-chronic-pain/"


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
