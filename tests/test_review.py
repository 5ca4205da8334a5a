"""Clinical review: review dates, the reviewed-by line readers see, and the reviews-due report."""

import csv
from datetime import date, timedelta
from http import HTTPStatus

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import ArticlePage, SectionPage
from articles.review import a_year_after
from tests.helpers import normalise, soup

pytestmark = pytest.mark.django_db
TODAY = date.today()


def set_due_dates(articles, *offsets):
    """Give each article a next-review date `offset` days from today (None for no date)."""
    for article, offset in zip(articles, offsets, strict=False):
        due = None if offset is None else TODAY + timedelta(days=offset)
        ArticlePage.objects.filter(pk=article.pk).update(next_review_due=due)


def set_first_published(articles, *offsets):
    """Make each article first published `offset` days from today."""
    for article, offset in zip(articles, offsets, strict=False):
        published = timezone.now() + timedelta(days=offset)
        ArticlePage.objects.filter(pk=article.pk).update(first_published_at=published)


def report_titles(client, **query):
    response = client.get(reverse("review_due"), query)
    assert response.status_code == HTTPStatus.OK
    return [
        " ".join(cell.get_text().split())
        for cell in soup(response).select("table.listing tbody td:first-child a")
    ]


def report_text(client, **query):
    return normalise(
        soup(client.get(reverse("review_due"), query)).select_one("table.listing tbody").get_text()
    )


def test_the_next_review_falls_due_a_year_after_the_last(articles, clinician):
    article = articles[0]
    article.reviewer, article.last_reviewed = clinician, date(2025, 6, 30)
    article.save_revision().publish()
    article.refresh_from_db()
    assert article.next_review_due == date(2026, 6, 30)


def test_a_review_on_29_february_falls_due_on_28_february():
    assert a_year_after(date(2024, 2, 29)) == date(2025, 2, 28)


def test_an_editor_can_set_a_different_next_review_date(articles):
    article = articles[0]
    article.last_reviewed, article.next_review_due = date(2025, 6, 30), date(2025, 12, 1)
    article.save_revision().publish()
    article.refresh_from_db()
    assert article.next_review_due == date(2025, 12, 1)


def test_the_report_lists_overdue_and_soon_due_reviews_most_overdue_first(editor_client, articles):
    set_due_dates(articles, 31, 30, -1, 0, 90)
    assert report_titles(editor_client) == [articles[2].title, articles[3].title, articles[1].title]


def test_the_report_lists_exactly_the_overdue_articles_when_none_fall_due_soon(
    editor_client, articles
):
    set_due_dates(articles, -400, -1, 31, 365, 400)
    assert report_titles(editor_client) == [articles[0].title, articles[1].title]


def test_the_report_says_how_overdue_each_review_is(editor_client, articles):
    set_due_dates(articles, -3, 0, 12)
    text = report_text(editor_client)
    assert "Overdue by 3 days" in text
    assert "Due today" in text
    assert "Due in 12 days" in text


def test_the_report_lists_articles_never_reviewed_as_due_since_first_published(
    editor_client, articles
):
    set_due_dates(articles, -10, 5, None, None, 365)
    set_first_published(articles, -700, -700, -100, 0)
    assert report_titles(editor_client) == [
        articles[2].title,
        articles[0].title,
        articles[3].title,
        articles[1].title,
    ]
    assert report_text(editor_client).count("Never reviewed") == 2


def test_the_report_shows_review_dates_as_dates(editor_client, articles, clinician):
    article = articles[0]
    article.reviewer, article.last_reviewed = clinician, date(2024, 3, 5)
    article.save_revision().publish()
    text = report_text(editor_client)
    assert "5 Mar 2024" in text
    assert "5 Mar 2025" in text
    assert "ago" not in text


def test_the_report_finds_articles_by_title(editor_client, articles):
    set_due_dates(articles, -1, -1, -1, -1, -1)
    assert report_titles(editor_client, q="psychogenic") == ["Treatment of Psychogenic Pain"]


@pytest.mark.parametrize(
    "status, expected",
    [("overdue", [0, 1]), ("due_soon", [2]), ("never_reviewed", [3, 4])],
)
def test_the_report_filters_by_review_status(editor_client, articles, status, expected):
    set_due_dates(articles, -9, -1, 12, None, None)
    set_first_published(articles, 0, 0, 0, -2, -1)
    titles = report_titles(editor_client, status=status)
    assert titles == [articles[index].title for index in expected]


def test_the_report_filters_by_section(editor_client, articles):
    set_due_dates(articles, -1, -1, -1, -1, -1)
    section = SectionPage.objects.get(slug="chronic-pain")
    expected = [a.title for a in ArticlePage.objects.child_of(section).review_due()]
    assert report_titles(editor_client, section=section.pk) == expected
    assert 0 < len(expected) < len(articles)


def test_the_report_filters_by_reviewer(editor_client, articles, clinician):
    set_due_dates(articles, -1, -1, -1, -1, -1)
    ArticlePage.objects.filter(pk=articles[1].pk).update(reviewer=clinician)
    assert report_titles(editor_client, reviewer=clinician.pk) == [articles[1].title]


def test_the_report_ignores_filters_it_does_not_know(editor_client, articles):
    set_due_dates(articles, -1)
    query = {"status": "bogus", "section": "abc", "reviewer": "999999"}
    assert report_titles(editor_client, **query) == report_titles(editor_client)


def test_the_export_reads_no_article_body(editor_client, articles, clinician):
    set_due_dates(articles, -3, None)
    ArticlePage.objects.filter(pk=articles[0].pk).update(reviewer=clinician)
    with CaptureQueriesContext(connection) as queries:
        response = editor_client.get(reverse("review_due"), {"export": "csv"})
        rows = list(csv.reader(line.decode() for line in response.streaming_content))
    assert rows[0] == [
        "Title",
        "Medically reviewed by",
        "Last reviewed",
        "Next review due",
        "Status",
    ]
    assert rows[1][1:] == [
        "Dr Ada Okafor, MBBS, MRCP",
        "",
        str(TODAY - timedelta(days=3)),
        "Overdue by 3 days",
    ]
    assert not [query for query in queries if '"body"' in query["sql"]]


def test_the_report_leaves_out_unpublished_articles(editor_client, articles):
    set_due_dates(articles, -5, 365, 365, 365, 365)
    articles[0].unpublish()
    assert report_titles(editor_client) == []


def test_the_report_is_open_to_editors(client, editor):
    client.force_login(editor)
    assert client.get(reverse("review_due")).status_code == HTTPStatus.OK


def test_a_reviewed_article_shows_who_reviewed_it_and_when(client, articles, clinician):
    article = articles[0]
    article.reviewer, article.last_reviewed = clinician, date(2025, 6, 30)
    article.save_revision().publish()
    line = soup(client.get(article.url)).select_one(".article__review").get_text()
    assert normalise(line) == (
        "Reviewed by Dr Ada Okafor, MBBS, MRCP on 30 June 2025. Next review due 30 June 2026."
    )


def test_an_unreviewed_article_shows_no_review_line(client, articles):
    assert soup(client.get(articles[0].url)).select_one(".article__review") is None
