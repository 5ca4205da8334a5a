"""What editors choose and create from the page editor without leaving it: teasers and people."""

from http import HTTPStatus

import pytest
from bs4 import BeautifulSoup

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import ArticlePage, Person
from related.models import Teaser
from tests.helpers import soup

pytestmark = pytest.mark.django_db
TEASERS = "wagtailsnippetchoosers_related_teaser"
PEOPLE = "wagtailsnippetchoosers_articles_person"
NEW_TEASER = {
    "title": "Walking and mood",
    "summary": "A daily walk lifted mood in adults with chronic pain, a trial found.",
    "date": "2025-05-01",
    "target_url": "https://example.org/walking-and-mood",
}


def prefixed(prefix, data):
    return {f"{prefix}-{name}": value for name, value in data.items()}


def chooser_html(response):
    assert response.status_code == HTTPStatus.OK
    return BeautifulSoup(response.json()["html"], "html.parser")


def chooser_rows(client, url_name, **params):
    """The rows of the teaser chooser's list: its first page ("choose") or a search ("results")."""
    response = client.get(reverse(f"{TEASERS}:{url_name}"), params)
    html = chooser_html(response) if url_name == "choose" else soup(response)
    return [row.get_text(" ", strip=True) for row in html.select("tbody tr")]


@pytest.mark.parametrize("group", ["editor", "reviewer"])
def test_editors_and_reviewers_open_the_teaser_library_from_the_menu(client, request, group):
    client.force_login(request.getfixturevalue(group))
    listing = reverse("wagtailsnippets_related_teaser:list")
    assert f'"{listing}"' in client.get(reverse("wagtailadmin_home")).content.decode()
    assert client.get(listing).status_code == HTTPStatus.OK
    assert client.get(reverse("wagtailsnippets_related_teaser:add")).status_code == HTTPStatus.OK


def test_editors_add_teasers_and_reviewers_also_change_and_delete_them(editor, reviewer):
    actions = ["add", "change", "delete", "view"]
    assert [editor.has_perm(f"related.{action}_teaser") for action in actions] == [
        True,
        False,
        False,
        True,
    ]
    assert all(reviewer.has_perm(f"related.{action}_teaser") for action in actions)


def test_an_editor_creates_a_teaser_from_the_chooser(client, editor):
    client.force_login(editor)
    chooser = chooser_html(client.get(reverse(f"{TEASERS}:choose")))
    assert chooser.find("form", action=reverse(f"{TEASERS}:create")) is not None
    response = client.post(reverse(f"{TEASERS}:create"), prefixed("teaser", NEW_TEASER))
    assert response.json()["step"] == "chosen"
    teaser = Teaser.objects.get(summary=NEW_TEASER["summary"])
    assert response.json()["result"]["id"] == str(teaser.pk)
    assert teaser.target_url == NEW_TEASER["target_url"]


def test_a_teaser_already_in_the_library_is_refused_in_the_chooser(client, editor):
    client.force_login(editor)
    existing = Teaser.objects.first()
    data = prefixed("teaser", {**NEW_TEASER, "summary": existing.summary})
    response = client.post(reverse(f"{TEASERS}:create"), data)
    assert response.json()["step"] == "reshow_creation_form"
    assert "already exists" in response.json()["htmlFragment"]
    assert Teaser.objects.filter(summary=existing.summary).count() == 1


def test_the_teaser_chooser_shows_whole_summaries_with_their_dates(client, editor):
    client.force_login(editor)
    teaser = Teaser.objects.order_by("-date", "pk").first()
    row = chooser_rows(client, "choose")[0]
    assert teaser.summary in row
    assert f"{teaser.date.day} {teaser.date:%B %Y}" in row


def test_the_teaser_chooser_filters_by_target_and_searches(client, editor):
    client.force_login(editor)
    teaser = Teaser.objects.get(summary__startswith="Slow diaphragmatic breathing")
    teaser.target_url = "https://example.org/breathing"
    teaser.save()
    assert [teaser.summary in row for row in chooser_rows(client, "choose", has_target="yes")] == [
        True
    ]
    without = chooser_rows(client, "choose_results", has_target="no", q="breathing")
    assert not any(teaser.summary in row for row in without)
    found = chooser_rows(client, "choose_results", q="diaphragmatic")
    assert len(found) == 1


def test_the_teaser_chooser_costs_the_same_queries_whatever_the_targets(client, editor):
    client.force_login(editor)
    url = reverse(f"{TEASERS}:choose")
    with CaptureQueriesContext(connection) as without_targets:
        client.get(url)
    page = ArticlePage.objects.first()
    Teaser.objects.update(target_page=page)
    with CaptureQueriesContext(connection) as with_targets:
        client.get(url)
    assert len(with_targets) == len(without_targets)


def test_an_editor_adds_a_reviewer_from_the_person_chooser(client, editor):
    client.force_login(editor)
    chooser = chooser_html(client.get(reverse(f"{PEOPLE}:choose")))
    assert chooser.find("form", action=reverse(f"{PEOPLE}:create")) is not None
    data = {"name": "Dr Sam Lee", "credentials": "MBChB", "role": "Psychiatrist", "bio": ""}
    response = client.post(reverse(f"{PEOPLE}:create"), prefixed("person", data))
    assert response.json()["step"] == "chosen"
    assert response.json()["result"]["string"] == "Dr Sam Lee, MBChB"
    assert Person.objects.filter(name="Dr Sam Lee", role="Psychiatrist").exists()
