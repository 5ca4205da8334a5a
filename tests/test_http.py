"""HTTP as crawlers and browsers expect it: redirects, 404s, HEAD, conditional GETs, caching."""

from http import HTTPStatus

import pytest

from articles.models import ArticlePage, SectionPage
from tests.helpers import soup

pytestmark = pytest.mark.django_db
SLUG = "anxiety-and-chronic-pain"


def card_path(client, page):
    og_image = soup(client.get(page.url)).find("meta", property="og:image")["content"]
    return og_image.removeprefix("http://testserver")


def test_changing_an_articles_slug_leaves_a_permanent_redirect(
    client, django_capture_on_commit_callbacks
):
    page = ArticlePage.objects.get(slug=SLUG)
    old_url = page.url
    page.slug = "anxiety-and-pain"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    response = client.get(old_url)
    assert response.status_code == HTTPStatus.MOVED_PERMANENTLY
    assert response["Location"].endswith("/chronic-pain/anxiety-and-pain/")
    assert client.get(response["Location"]).status_code == HTTPStatus.OK


def test_moving_an_article_leaves_a_permanent_redirect(client):
    page = ArticlePage.objects.get(slug=SLUG)
    old_url = page.url
    page.move(SectionPage.objects.get(slug="mind-body-science"), pos="last-child")
    response = client.get(old_url)
    assert response.status_code == HTTPStatus.MOVED_PERMANENTLY
    assert response["Location"].endswith(f"/mind-body-science/{SLUG}/")


@pytest.mark.parametrize(
    "path", ["/no-such-page/", "/chronic-pain/no-such-article/", "/cards/1/x.png"]
)
def test_anything_missing_is_our_404_page(client, home, path):
    response = client.get(path)
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert soup(response).find("h1").get_text() == "Page not found"


@pytest.mark.parametrize("path", ["/", "/chronic-pain/", f"/chronic-pain/{SLUG}/", "/robots.txt"])
def test_head_requests_answer_without_a_body(client, home, path):
    response = client.head(path)
    assert response.status_code == HTTPStatus.OK
    assert response.content == b""


@pytest.mark.parametrize("path", ["/", "/chronic-pain/", f"/chronic-pain/{SLUG}/"])
def test_a_repeated_request_for_an_unchanged_page_is_not_modified(client, home, path):
    etag = client.get(path)["ETag"]
    response = client.get(path, headers={"If-None-Match": etag})
    assert response.status_code == HTTPStatus.NOT_MODIFIED
    assert response.content == b""


def test_a_changed_page_is_sent_again(client):
    page = ArticlePage.objects.get(slug=SLUG)
    etag = client.get(page.url)["ETag"]
    page.standfirst = "A new standfirst for the article, long enough to be its description."
    page.save_revision().publish()
    assert client.get(page.url, headers={"If-None-Match": etag}).status_code == HTTPStatus.OK


def test_a_card_is_cached_for_a_year(client):
    response = client.get(card_path(client, ArticlePage.objects.get(slug=SLUG)))
    assert response.status_code == HTTPStatus.OK
    cache_control = set(response["Cache-Control"].split(", "))
    assert cache_control == {"public", "max-age=31536000", "immutable"}


def test_a_new_title_draws_a_new_card_and_the_old_one_moves_on(client):
    page = ArticlePage.objects.get(slug=SLUG)
    old_card = card_path(client, page)
    page.title = "Anxiety and chronic pain"
    page.save_revision().publish()
    new_card = card_path(client, page)
    assert new_card != old_card
    response = client.get(old_card)
    assert response.status_code == HTTPStatus.MOVED_PERMANENTLY
    assert response["Location"] == new_card


def test_an_unpublished_page_has_no_card(client):
    page = ArticlePage.objects.get(slug=SLUG)
    path = card_path(client, page)
    page.unpublish()
    assert client.get(path).status_code == HTTPStatus.NOT_FOUND
