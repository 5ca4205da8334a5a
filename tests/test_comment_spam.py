"""Spam defences without outside services: each refuses with a message a person understands,
keeps their text, and stores nothing."""

import time
from http import HTTPStatus

import pytest

from django.urls import reverse

from articles.comments import spam
from articles.comments.forms import REFUSALS
from articles.comments.models import Comment
from articles.models import ArticlePage
from tests.helpers import comment_form_data, soup

TEXT = "Slow breathing calms my pain flare-ups."


@pytest.fixture
def article(db):
    return ArticlePage.objects.get(slug="anxiety-and-chronic-pain")


def send(client, article, address="203.0.113.7", **changes):
    url = reverse("comments:new", args=[article.pk])
    data = comment_form_data(article, **{"text": TEXT, **changes})
    return client.post(url, data, REMOTE_ADDR=address)


def assert_refused(response, reason):
    html = soup(response)
    assert response.status_code == HTTPStatus.OK
    assert REFUSALS[reason] in html.select_one(".error-summary").get_text()
    assert html.find("textarea").get_text().strip() == TEXT
    assert not Comment.objects.exists()


def test_a_filled_in_honeypot_is_refused(client, article):
    assert_refused(send(client, article, **{"your-website": "http://spam.example/"}), "honeypot")


def test_the_honeypot_is_hidden_from_people_and_their_tools(client, article):
    html = soup(client.get(reverse("comments:new", args=[article.pk])))
    trap = html.find("input", attrs={"name": "your-website"})
    assert trap["tabindex"] == "-1"
    assert trap["autocomplete"] == "off"
    assert trap.find_parent(attrs={"hidden": True})


def test_a_form_sent_faster_than_a_person_can_write_is_refused(client, article):
    assert_refused(send(client, article, started=spam.started_token(article.pk)), "too_fast")


def test_a_form_sent_a_day_after_it_was_opened_is_refused(client, article):
    started = spam.started_token(article.pk, at=time.time() - spam.MAXIMUM_SECONDS - 1)
    assert_refused(send(client, article, started=started), "too_old")


@pytest.mark.parametrize("started", ["", "forged", "eyJhcnRpY2xlIjo2fQ:1abc:forged"])
def test_a_missing_or_forged_start_time_is_refused(client, article, started):
    assert_refused(send(client, article, started=started), "not_ours")


def test_a_start_time_from_another_articles_form_is_refused(client, article):
    started = spam.started_token(article.pk + 1, at=time.time() - 10)
    assert_refused(send(client, article, started=started), "not_ours")


def test_a_refused_form_can_be_sent_again_with_a_fresh_start_time(client, article):
    response = send(client, article, started=spam.started_token(article.pk))
    fresh = soup(response).find("input", attrs={"name": "started"})["value"]
    assert spam.seconds_since_start(fresh, article.pk) < spam.MINIMUM_SECONDS


def test_an_address_sending_too_many_comments_is_refused_for_a_while(client, article):
    for number in range(spam.RATE_LIMIT):
        assert send(client, article, text=f"Comment {number}").status_code == HTTPStatus.FOUND
    response = send(client, article)
    html = soup(response)
    assert REFUSALS["too_many"] in html.select_one(".error-summary").get_text()
    assert html.find("textarea").get_text().strip() == TEXT
    assert not Comment.objects.filter(text=TEXT).exists()
    assert send(client, article, address="198.51.100.20").status_code == HTTPStatus.FOUND


def test_addresses_in_one_ipv6_network_count_as_one_sender(client, article):
    for number in range(spam.RATE_LIMIT):
        send(client, article, address=f"2001:db8:1:2::{number + 1}", text=f"Comment {number}")
    assert send(client, article, address="2001:db8:1:2:ab::9").status_code == HTTPStatus.OK
    assert send(client, article, address="2001:db8:1:3::1").status_code == HTTPStatus.FOUND


def test_the_rate_limit_counts_only_the_last_hour(client, article):
    for number in range(spam.RATE_LIMIT):
        send(client, article, text=f"Comment {number}")
    Comment.objects.update(created=Comment.objects.first().created - spam.RATE_WINDOW)
    assert send(client, article).status_code == HTTPStatus.FOUND


def test_the_same_comment_twice_on_an_article_is_refused(client, article):
    assert send(client, article).status_code == HTTPStatus.FOUND
    response = send(client, article, address="198.51.100.20")
    assert REFUSALS["duplicate"] in soup(response).select_one(".error-summary").get_text()
    assert Comment.objects.count() == 1


def test_the_same_words_on_another_article_are_welcome(client, article):
    other = ArticlePage.objects.get(slug="treatment-of-psychogenic-pain")
    assert send(client, article).status_code == HTTPStatus.FOUND
    assert send(client, other).status_code == HTTPStatus.FOUND


def test_the_senders_address_is_kept_only_as_a_keyed_hash(client, article, rf):
    send(client, article)
    assert "203.0.113.7" not in str(Comment.objects.values().get())
    stored = Comment.objects.get().address_hash
    assert stored == spam.address_hash(rf.get("/", REMOTE_ADDR="203.0.113.7"))
    assert stored != spam.address_hash(rf.get("/", REMOTE_ADDR="198.51.100.20"))
