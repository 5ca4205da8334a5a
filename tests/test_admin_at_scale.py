"""The admin at the scale of a real library: each listing costs the same queries however many
articles there are, and none shows a section's articles all on one page."""

from http import HTTPStatus
from io import BytesIO

import pytest
from openpyxl import load_workbook

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import ArticlePage, HomePage, SectionPage
from articles.synthetic import generate_articles
from tests.helpers import FIXTURES_DIR, add_comment, soup

pytestmark = pytest.mark.django_db
PER_PAGE = 50  # rows on a page of Wagtail's explorer


@pytest.fixture
def section():
    return SectionPage.objects.get(slug="chronic-pain")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def reviewer_client(client, reviewer):
    client.force_login(reviewer)
    return client


def grow_library(count):
    """`count` more generated articles, each with a reader's comment waiting for a decision."""
    before = set(ArticlePage.objects.values_list("pk", flat=True))
    generate_articles(count, FIXTURES_DIR, seed=len(before))
    for article in ArticlePage.objects.exclude(pk__in=before):
        add_comment(article, status="pending", email="reader@example.org")


def queries_and_rows(client, url, query=None):
    """How many queries `url` costs, and how many rows (or CSV lines) it answers with."""
    client.get(url, query)  # the first request also fills per-process caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, query)
        assert response.status_code == HTTPStatus.OK
        content = b"".join(response) if response.streaming else response.content
    if response["Content-Type"].startswith("text/csv"):
        return len(queries), len(content.splitlines())
    if response["Content-Type"].startswith("application/vnd.openxmlformats"):
        return len(queries), load_workbook(BytesIO(content)).active.max_row
    return len(queries), len(soup(response).select("table.listing tbody tr"))


def assert_cost_stays_flat(client, url, query=None, n=10):
    """The same queries at N and at 3N generated articles, for a listing that grew."""
    grow_library(n)
    queries_at_n, rows_at_n = queries_and_rows(client, url, query)
    grow_library(2 * n)
    queries_at_3n, rows_at_3n = queries_and_rows(client, url, query)
    assert rows_at_3n > rows_at_n
    assert queries_at_3n == queries_at_n


def explorer(page):
    return reverse("wagtailadmin_explore", args=[page.pk])


def test_an_editors_explorer_costs_the_same_queries_however_many_articles(editor_client, section):
    assert_cost_stays_flat(editor_client, explorer(section))


def test_an_editors_explorer_in_menu_order_costs_the_same_queries_however_many_articles(
    editor_client, section
):
    assert_cost_stays_flat(editor_client, explorer(section), {"ordering": "ord"})


def test_an_editors_page_search_costs_the_same_queries_however_many_articles(editor_client):
    assert_cost_stays_flat(
        editor_client, reverse("wagtailadmin_pages:search"), {"q": "generated article"}
    )


def test_the_reviews_due_report_costs_the_same_queries_however_many_articles(editor_client):
    assert_cost_stays_flat(editor_client, reverse("review_due"))


@pytest.mark.parametrize("export", ["csv", "xlsx"])
def test_the_reviews_due_export_costs_the_same_queries_however_many_articles(editor_client, export):
    assert_cost_stays_flat(editor_client, reverse("review_due"), {"export": export})


def test_the_comments_queue_costs_the_same_queries_however_many_articles(reviewer_client):
    assert_cost_stays_flat(reviewer_client, "/admin/reader-comments/", {"q": "reader@"})


def test_a_section_offers_no_sort_menu_order(admin_client, section):
    home = HomePage.objects.get()
    home_listing = admin_client.get(explorer(home)).content.decode()
    assert f"{explorer(home)}?ordering=ord" in home_listing
    assert f"{explorer(section)}?ordering=ord" not in home_listing
    assert "?ordering=ord" not in admin_client.get(explorer(section)).content.decode()


def test_a_sections_explorer_in_menu_order_still_shows_one_page_of_articles(admin_client, section):
    generate_articles(130, FIXTURES_DIR)
    assert section.get_children().count() > PER_PAGE
    response = admin_client.get(explorer(section), {"ordering": "ord"})
    assert len(soup(response).select("table.listing tbody tr")) == PER_PAGE


def test_a_sections_articles_cannot_be_moved_in_menu_order(admin_client, section):
    article = section.get_children().last()
    url = reverse("wagtailadmin_pages:set_page_position", args=[article.pk])
    admin_client.post(f"{url}?position=0")
    assert section.get_children().last() == article


def test_the_home_page_still_sorts_its_sections_in_menu_order(admin_client, section):
    url = reverse("wagtailadmin_pages:set_page_position", args=[section.pk])
    assert admin_client.post(f"{url}?position=0").status_code == HTTPStatus.OK
    assert HomePage.objects.get().get_children().first().pk == section.pk


def test_an_editor_may_delete_a_draft_article_but_not_a_live_one(editor, section):
    article = section.get_children().specific().first()
    assert not article.permissions_for_user(editor).can_delete()
    article.unpublish()
    assert article.permissions_for_user(editor).can_delete()
