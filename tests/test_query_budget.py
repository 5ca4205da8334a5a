"""Every public page renders in a small, fixed number of queries, however much content exists."""

from http import HTTPStatus

import pytest

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import ArticlePage
from articles.synthetic import generate_articles, generated_articles, remove_generated_articles
from tests.helpers import FIXTURES_DIR, add_comment

# Routing costs a query per path segment; a body's page links cost two more, fetched together;
# an article's comments and their replies one.
BUDGET = 24
PUBLIC_URLS = [
    "/",
    "/chronic-pain/",
    "/chronic-pain/?page=2",
    "/mind-body-science/",
    "/chronic-pain/anxiety-and-chronic-pain/",
    "/topics/stress/",
    "/search/?q=pain",
    "/sitemap.xml",
    "/feeds/rss.xml",
    "/feeds/sections/chronic-pain/atom.xml",
]


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 3600
    settings.KEEP_SITE_DATA = True


@pytest.fixture(scope="module")
def many_articles(django_db_setup, django_db_blocker):
    """500 generated articles for this module, removed afterwards."""
    with django_db_blocker.unblock():
        generate_articles(500, FIXTURES_DIR)
        yield
        remove_generated_articles()


def render(client, url):
    cache.clear()
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK, url
    assert response.get("X-Cache", "miss") == "miss"  # rendered (search is never kept)
    return response


@pytest.mark.parametrize("url", [url for url in PUBLIC_URLS if "page=2" not in url])
def test_pages_stay_within_the_query_budget_with_the_five_articles(
    client, db, django_assert_max_num_queries, url
):
    with django_assert_max_num_queries(BUDGET):
        render(client, url)


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_pages_stay_within_the_query_budget_with_500_articles(
    many_articles, client, db, django_assert_max_num_queries, url
):
    with django_assert_max_num_queries(BUDGET):
        render(client, url)


def test_an_article_with_links_to_others_stays_within_the_query_budget(
    many_articles, client, db, django_assert_max_num_queries
):
    url = generated_articles().order_by("pk").first().url
    with django_assert_max_num_queries(BUDGET):
        render(client, url)


def test_an_articles_comments_cost_the_same_queries_however_many_there_are(client, db):
    article = ArticlePage.objects.get(slug="anxiety-and-chronic-pain")

    def queries_to_render():
        with CaptureQueriesContext(connection) as queries:
            render(client, article.url)
        return len(queries)

    render(client, article.url)  # the first request also fills per-process caches (the site)
    without_comments = queries_to_render()
    for number in range(60):
        thread = add_comment(article, text=f"Comment {number}")
        for reply in range(3):
            add_comment(article, text=f"Reply {reply}", parent=thread)
    assert queries_to_render() == without_comments <= BUDGET
    assert render(client, article.url).content.decode().count('class="comment"') == 240


def test_a_cached_page_is_served_without_any_query(client, db, django_assert_num_queries):
    client.get("/")
    with django_assert_num_queries(0):
        assert client.get("/")["X-Cache"] == "hit"
