"""Private pages: a section or article behind a sign-in or a password stays behind it, however
it is reached, and checking costs no query beyond the site's list of restrictions."""

from http import HTTPStatus

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

from articles.models import ArticlePage, SectionPage

pytestmark = pytest.mark.django_db
ARTICLE = "anxiety-and-chronic-pain"
SIBLING = "chronic-low-back-pain-psychosomatic-contributors"


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 3600
    settings.KEEP_SITE_DATA = True


def restrict(page, kind="login"):
    return PageViewRestriction.objects.create(page=page, restriction_type=kind, password="secret")


def article(slug=ARTICLE):
    return ArticlePage.objects.get(slug=slug)


def assert_sent_to_sign_in(response, url):
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].endswith(f"?next={url}")
    assert "no-store" in response["Cache-Control"]


def test_an_article_in_a_private_section_sends_a_reader_to_sign_in(client):
    page = article()
    restrict(SectionPage.objects.get(slug="chronic-pain"))
    assert_sent_to_sign_in(client.get(page.url), page.url)


def test_an_article_behind_its_own_password_asks_for_it_and_its_sibling_does_not(client):
    page = article()
    restrict(page, "password")
    response = client.get(page.url)
    assert response.status_code == HTTPStatus.OK
    assert b'name="password"' in response.content
    assert b"Anxiety" not in response.content.split(b"<main", 1)[-1]
    assert client.get(article(SIBLING).url).status_code == HTTPStatus.OK


def test_an_alias_of_a_private_article_stays_private(client):
    """Wagtail gives an alias its original's restrictions, wherever the alias stands."""
    original = article()
    restrict(original)
    alias = original.create_alias(
        parent=SectionPage.objects.get(slug="mind-body-science"), update_slug="alias-copy"
    )
    assert_sent_to_sign_in(client.get(alias.url), alias.url)


def test_a_public_alias_of_a_public_article_is_served(client):
    alias = article().create_alias(
        parent=SectionPage.objects.get(slug="mind-body-science"), update_slug="alias-copy"
    )
    assert client.get(alias.url).status_code == HTTPStatus.OK


def test_serving_an_article_reads_the_restrictions_and_the_sections_once(client):
    restrict(article(SIBLING))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(article().url).status_code == HTTPStatus.OK
    sql = [query["sql"] for query in queries]
    assert len([q for q in sql if 'FROM "wagtailcore_pageviewrestriction"' in q]) == 1
    assert len([q for q in sql if 'FROM "articles_sectionpage"' in q]) == 1
