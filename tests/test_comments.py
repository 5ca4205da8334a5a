"""Readers' comments as readers meet them: sent from their own page, shown on the article only
once approved, oldest first with replies one level deep, as plain text, never with an e-mail."""

from http import HTTPStatus

import pytest

from django.test import Client
from django.urls import reverse

from articles.comments.models import MAX_TEXT_LENGTH, Comment
from articles.models import ArticlePage, SectionPage
from tests.helpers import add_comment, comment_form_data, normalise, soup, visible_text

ARTICLE = "/chronic-pain/anxiety-and-chronic-pain/"


@pytest.fixture
def article(db):
    return ArticlePage.objects.get(slug="anxiety-and-chronic-pain")


@pytest.fixture
def other_article(db):
    return ArticlePage.objects.get(slug="treatment-of-psychogenic-pain")


def form_url(article, reply=None):
    url = reverse("comments:new", args=[article.pk])
    return url if reply is None else f"{url}?reply={reply}"


def comment_texts(client, url=ARTICLE):
    """The comments on the article page as a reader reads them: (name, text), in order."""
    html = soup(client.get(url))
    return [
        (item.select_one(".comment__name").get_text(), item.select_one(".comment__text").get_text())
        for item in html.select(".comment")
    ]


def test_a_new_comment_awaits_moderation_and_is_invisible_until_approved(client, article):
    response = client.post(form_url(article), comment_form_data(article, text="Pacing helps me."))
    assert response.status_code == HTTPStatus.FOUND
    sent = client.get(response["Location"])
    assert "your comment awaits moderation" in visible_text(sent)
    assert comment_texts(client) == []
    Comment.objects.get().moderate(Comment.Status.APPROVED, None)
    assert comment_texts(client) == [("Ann Reader", "Pacing helps me.")]


@pytest.mark.parametrize("status", ["pending", "rejected", "spam"])
def test_only_approved_comments_ever_show(client, article, status):
    add_comment(article, status=status, text="Buy cheap pills")
    assert "Buy cheap pills" not in client.get(ARTICLE).content.decode()


def test_approved_comments_show_oldest_first_with_their_date(client, article):
    later = add_comment(article, name="Bo", text="Second")
    earlier = add_comment(article, name="Cy", text="First")
    Comment.objects.filter(pk=earlier.pk).update(created=later.created.replace(year=2024))
    assert comment_texts(client) == [("Cy", "First"), ("Bo", "Second")]
    dates = [time["datetime"][:4] for time in soup(client.get(ARTICLE)).select(".comment time")]
    assert dates == ["2024", str(later.created.year)]


def test_replies_show_one_level_deep_under_their_comment(client, article):
    first = add_comment(article, name="Ann", text="A question")
    add_comment(article, name="Bo", text="Another thread")
    add_comment(article, name="Cy", text="An answer", parent=first)
    threads = soup(client.get(ARTICLE)).select(".comments__list > li")
    assert [thread.select_one(".comment__text").get_text() for thread in threads] == [
        "A question",
        "Another thread",
    ]
    replies = threads[0].select(".comments__replies .comment__text")
    assert [reply.get_text() for reply in replies] == ["An answer"]


def test_a_reply_goes_when_the_comment_it_answers_is_rejected(client, article):
    first = add_comment(article, text="A question")
    add_comment(article, text="An answer", parent=first)
    first.moderate(Comment.Status.REJECTED, None)
    assert comment_texts(client) == []


def test_a_reply_to_a_reply_joins_the_top_level_thread(client, article):
    first = add_comment(article, name="Ann", text="A question")
    answer = add_comment(article, name="Bo", text="An answer", parent=first)
    response = client.post(form_url(article, reply=answer.pk), comment_form_data(article))
    assert response.status_code == HTTPStatus.FOUND
    assert Comment.objects.get(status="pending").parent == first


def test_the_reply_form_shows_the_article_and_the_comment_replied_to(client, article):
    first = add_comment(article, name="Ann", text="A question", email="ann@example.org")
    response = client.get(form_url(article, reply=first.pk))
    text = visible_text(response)
    assert "Reply to Ann" in text
    assert normalise(article.title) in text
    assert "A question" in text
    assert "ann@example.org" not in response.content.decode()
    assert soup(response).find("a", href="/privacy/")


def test_html_and_script_in_a_comment_show_as_text_and_links_are_not_clickable(client, article):
    text = '<script>alert("x")</script> <b>bold</b> see https://spam.example/'
    add_comment(article, text=text)
    html = soup(client.get(ARTICLE))
    shown = html.select_one(".comment__text")
    assert shown.get_text().strip() == text
    assert shown.find_all(["script", "b", "a"]) == []


def test_line_breaks_in_a_comment_are_kept(client, article):
    add_comment(article, text="First line\nSecond line\n\nNew paragraph")
    shown = soup(client.get(ARTICLE)).select_one(".comment__text")
    assert [p.get_text("|") for p in shown.find_all("p")] == [
        "First line|Second line",
        "New paragraph",
    ]


def test_an_email_address_is_never_shown_publicly(client, article):
    comment = add_comment(article, email="secret-reader@example.org")
    client.post(form_url(article), comment_form_data(article, email="another@example.org"))
    pages = [
        ARTICLE,
        form_url(article, reply=comment.pk),
        reverse("comments:sent", args=[article.pk]),
    ]
    for url in pages:
        assert "@example.org" not in client.get(url).content.decode(), url


def test_the_form_keeps_the_readers_text_when_a_field_is_wrong(client, article):
    data = comment_form_data(article, name="", email="not-an-address", text="My long story")
    response = client.post(form_url(article), data)
    html = soup(response)
    assert response.status_code == HTTPStatus.OK
    assert html.find("textarea").get_text().strip() == "My long story"
    assert html.find("title").get_text().startswith("Error:")
    problems = html.select(".error-summary a")
    assert [link["href"] for link in problems] == ["#id_name", "#id_email"]
    assert not Comment.objects.exists()


def test_a_comment_longer_than_the_limit_is_refused_and_kept(client, article):
    text = "word " * (MAX_TEXT_LENGTH // 4)
    response = client.post(form_url(article), comment_form_data(article, text=text))
    assert response.status_code == HTTPStatus.OK
    assert "at most 3000 characters" in visible_text(response)
    assert soup(response).find("textarea").get_text().strip() == text.strip()
    assert not Comment.objects.exists()


def test_the_article_links_to_the_form_and_each_thread_to_a_reply(client, article):
    first = add_comment(article, name="Ann")
    html = soup(client.get(ARTICLE))
    assert html.find("a", string="Leave a comment")["href"] == form_url(article)
    assert html.select_one(".comments__reply a")["href"] == form_url(article, reply=first.pk)


def test_the_form_page_is_never_cached(client, article, settings):
    settings.PAGE_CACHE_SECONDS = 3600
    client.get(form_url(article))
    response = client.get(form_url(article))
    assert "X-Cache" not in response
    assert "no-store" in response["Cache-Control"]


def test_the_cache_shows_an_approved_comment_on_the_next_request(
    client, article, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 3600
    with django_capture_on_commit_callbacks(execute=True):
        comment = add_comment(article, status="pending", text="Worth the wait")
    client.get(ARTICLE)
    assert client.get(ARTICLE)["X-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        comment.moderate(Comment.Status.APPROVED, None)
    response = client.get(ARTICLE)
    assert response["X-Cache"] == "miss"
    assert "Worth the wait" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        comment.delete()
    assert "Worth the wait" not in client.get(ARTICLE).content.decode()


def test_a_comment_awaiting_moderation_leaves_the_cached_page_alone(
    client, article, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 3600
    client.get(ARTICLE)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(form_url(article), comment_form_data(article))
    assert client.get(ARTICLE)["X-Cache"] == "hit"


@pytest.fixture
def closed_section(article):
    section = SectionPage.objects.get(slug="chronic-pain")
    section.comments_open = False
    section.save_revision().publish()
    return section


def test_closed_comments_show_no_form_link_and_the_form_says_so(client, article, closed_section):
    add_comment(article, text="Still here")
    html = soup(client.get(ARTICLE))
    assert html.find("a", string="Leave a comment") is None
    assert html.select(".comments__reply") == []
    assert "Still here" in html.select_one(".comments").get_text()
    assert "Comments on this article are closed." in html.select_one(".comments").get_text()
    for response in (client.get(form_url(article)), client.post(form_url(article), {})):
        assert response.status_code == HTTPStatus.NOT_FOUND
        assert "Comments are closed" in visible_text(response)
    assert not Comment.objects.filter(status="pending").exists()


def test_an_article_without_comments_in_a_closed_section_shows_no_comments_at_all(
    client, closed_section
):
    assert soup(client.get(ARTICLE)).select(".comments") == []


@pytest.mark.parametrize(
    ("section_open", "article_setting", "open_"),
    [(False, "open", True), (True, "closed", False), (True, "section", True)],
)
def test_an_article_can_open_or_close_comments_whatever_its_section_says(
    client, article, section_open, article_setting, open_
):
    section = SectionPage.objects.get(slug="chronic-pain")
    section.comments_open = section_open
    section.save_revision().publish()
    article.comments_setting = article_setting
    article.save_revision().publish()
    assert bool(soup(client.get(ARTICLE)).find("a", string="Leave a comment")) is open_
    expected = HTTPStatus.OK if open_ else HTTPStatus.NOT_FOUND
    assert client.get(form_url(article)).status_code == expected


@pytest.mark.parametrize(
    "url",
    [
        "/comments/abc/new/",
        "/comments/999999/new/",
        "/comments/99999999999999999999999/new/",
        "/comments/999999/sent/",
        "/comments/7/new/?reply=abc",
        "/comments/7/new/?reply=-1",
        "/comments/7/new/?reply=99999999999999999999999",
    ],
)
def test_bad_addresses_are_not_found(client, db, url):
    assert client.get(url).status_code == HTTPStatus.NOT_FOUND


def test_the_fuzzed_comment_route_is_a_real_comment_form(client, article):
    assert article.pk == 7
    assert soup(client.get("/comments/7/new/")).find("textarea")


def test_replies_only_to_approved_comments_on_the_same_article(client, article, other_article):
    elsewhere = add_comment(other_article)
    pending = add_comment(article, status="pending")
    for comment in (elsewhere, pending):
        url = form_url(article, reply=comment.pk)
        assert client.get(url).status_code == HTTPStatus.NOT_FOUND
        assert client.post(url, comment_form_data(article)).status_code == HTTPStatus.NOT_FOUND
    assert Comment.objects.count() == 2


def test_an_unpublished_article_takes_no_comments(client, article):
    url = form_url(article)
    article.unpublish()
    assert client.get(url).status_code == HTTPStatus.NOT_FOUND
    assert client.post(url, comment_form_data(article)).status_code == HTTPStatus.NOT_FOUND
    assert not Comment.objects.exists()


def test_the_form_accepts_no_other_write_method(client, article):
    assert client.put(form_url(article)).status_code == HTTPStatus.METHOD_NOT_ALLOWED


def test_a_form_sent_without_its_security_cookie_explains_what_to_do(article):
    response = Client(enforce_csrf_checks=True).post(form_url(article), comment_form_data(article))
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert "Your form was not sent" in visible_text(response)
    assert not Comment.objects.exists()
