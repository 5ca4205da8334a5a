"""Clinical review: review dates, the reviewed-by line readers see, and the reviews-due report."""

from datetime import date, timedelta
from http import HTTPStatus

import pytest

from django.urls import reverse

from articles.models import ArticlePage
from articles.review import a_year_after
from tests.helpers import normalise, soup

pytestmark = pytest.mark.django_db
TODAY = date.today()


def set_due_dates(articles, *offsets):
    """Give each article a next-review date `offset` days from today (None for no date)."""
    for article, offset in zip(articles, offsets, strict=False):
        due = None if offset is None else TODAY + timedelta(days=offset)
        ArticlePage.objects.filter(pk=article.pk).update(next_review_due=due)


def report_titles(client):
    response = client.get(reverse("review_due"))
    assert response.status_code == HTTPStatus.OK
    return [
        " ".join(cell.get_text().split())
        for cell in soup(response).select("table.listing tbody td:first-child a")
    ]


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
    set_due_dates(articles, 31, 30, -1, 0, None)
    assert report_titles(editor_client) == [articles[2].title, articles[3].title, articles[1].title]


def test_the_report_lists_exactly_the_overdue_articles_when_none_fall_due_soon(
    editor_client, articles
):
    set_due_dates(articles, -400, -1, 31, 365, None)
    assert report_titles(editor_client) == [articles[0].title, articles[1].title]


def test_the_report_says_how_overdue_each_review_is(editor_client, articles):
    set_due_dates(articles, -3, 0, 12)
    text = normalise(
        soup(editor_client.get(reverse("review_due"))).select_one("table.listing tbody").get_text()
    )
    assert "Overdue by 3 days" in text
    assert "Due today" in text
    assert "Due in 12 days" in text


def test_the_report_leaves_out_unpublished_articles(editor_client, articles):
    set_due_dates(articles, -5)
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
