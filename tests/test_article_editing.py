"""Every part of an article can be edited in the admin, and mistakes are shown beside the field."""

import json
import re
from datetime import date
from http import HTTPStatus

import pytest

from django.urls import reverse

from wagtail.models import Page
from wagtail.test.utils.form_data import rich_text

from articles.blocks import ArticleBodyBlock
from articles.models import ArticlePage, SectionPage
from tests.helpers import article_form_data, list_block, soup

pytestmark = pytest.mark.django_db
PUBLISH = {"action-publish": "action-publish"}
REFERENCE = {
    "authors": "Okafor, Ada",
    "title": "Stress and Pain",
    "container": "Pain Reports",
    "volume": "4",
    "issue": "2",
    "year": "2021",
    "pages": "1-9",
    "doi": "10.1000/xyz",
    "pmid": "123",
    "url": "https://example.org/",
    "accessed": "2025-01-02",
}
EVERY_BLOCK = [
    ("heading", {"text": "What helps", "level": "h2", "anchor": ""}),
    ("paragraph", rich_text("<p>Movement helps [1].</p>")),
    ("list", {"style": "bullet", "items": list_block(["Walk", "Stretch"])}),
    ("quote", {"text": "Motion is lotion.", "attribution": "A physio"}),
    ("note", {"title": "Important note", "text": rich_text("<p>See a doctor.</p>")}),
    (
        "cta",
        {"text": rich_text("<p>Try it.</p>"), "link_label": "", "link_page": "", "link_url": ""},
    ),
    ("references", {"heading": "References", "items": list_block([REFERENCE])}),
]


def post(client, page, data):
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)


def test_every_part_of_an_article_is_saved_from_the_editor(editor_client, articles, clinician):
    article = articles[0]
    data = article_form_data(
        editor_client,
        article,
        EVERY_BLOCK,
        tags="sleep, pain",
        reviewer=str(clinician.pk),
        last_reviewed="2025-05-01",
        next_review_due="",
        seo_title="Moving with pain",
        search_description="How movement helps.",
        **PUBLISH,
    )
    assert post(editor_client, article, data).status_code == HTTPStatus.FOUND
    article = ArticlePage.objects.get(pk=article.pk)
    assert [block.block_type for block in article.body] == [t for t, _v in EVERY_BLOCK]
    assert article.body[6].value["items"][0].citation() == (
        "Okafor, Ada. “Stress and Pain.” Pain Reports 4.2 (2021): 1-9."
    )
    assert sorted(tag.name for tag in article.tags.all()) == ["pain", "sleep"]
    assert (article.reviewer, article.next_review_due) == (clinician, date(2026, 5, 1))
    assert (article.seo_title, article.search_description) == (
        "Moving with pain",
        "How movement helps.",
    )


def test_an_article_of_400_blocks_is_published_from_the_editor(editor_client, articles):
    body = (EVERY_BLOCK[:6] * 67)[:400]
    data = article_form_data(editor_client, articles[0], body, **PUBLISH)
    assert len(data) > 2_500  # Django allows 1,000 fields unless told otherwise
    assert post(editor_client, articles[0], data).status_code == HTTPStatus.FOUND
    assert len(ArticlePage.objects.get(pk=articles[0].pk).body) == 400


@pytest.mark.parametrize("field", ["title", "standfirst"])
def test_a_missing_required_field_is_flagged_beside_it_on_publishing(
    editor_client, articles, field
):
    data = article_form_data(editor_client, articles[0], EVERY_BLOCK, **{field: "", **PUBLISH})
    response = post(editor_client, articles[0], data)
    assert response.status_code == HTTPStatus.OK
    error = soup(response).select_one(f"[data-contentpath={field}] .w-field__errors")
    assert error.get_text(strip=True) == "This field is required."


def test_a_reference_without_a_title_is_flagged_in_its_block(editor_client, articles):
    body = [
        ("references", {"heading": "References", "items": list_block([{**REFERENCE, "title": ""}])})
    ]
    data = article_form_data(editor_client, articles[0], body, **PUBLISH)
    response = post(editor_client, articles[0], data)
    assert response.status_code == HTTPStatus.OK
    assert "The page could not be saved due to validation errors" in response.content.decode()
    [error] = response.context["form"].errors["body"].as_data()
    references = error.as_json_data()["blockErrors"][0]["blockErrors"]["items"]
    assert references["blockErrors"][0]["blockErrors"] == {
        "title": {"messages": ["This field is required."]}
    }


def test_a_new_article_can_be_created_in_a_section(editor_client):
    section = SectionPage.objects.get(slug="chronic-pain")
    url = reverse("wagtailadmin_pages:add", args=["articles", "articlepage", section.pk])
    response = editor_client.get(url)
    assert response.status_code == HTTPStatus.OK
    for label in ("Medically reviewed by", "Last reviewed", "Next review due", "Tags", "Body"):
        assert label in response.content.decode(), label


def test_comments_locking_and_history_are_on_in_the_editor(editor_client, articles):
    html = editor_client.get(reverse("wagtailadmin_pages:edit", args=[articles[0].pk]))
    content = html.content.decode()
    assert "w-field--commentable" in content
    assert reverse("wagtailadmin_pages:lock", args=[articles[0].pk]) in content
    assert reverse("wagtailadmin_pages:history", args=[articles[0].pk]) in content


def test_the_preview_carries_the_accessibility_and_content_checks(editor_client, articles):
    article = articles[0]
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[article.pk])
    data = article_form_data(editor_client, article, EVERY_BLOCK)
    assert editor_client.post(url, data).json()["is_valid"]
    preview = editor_client.get(url).content.decode()
    assert 'id="checker-axe-configuration"' in preview


def slug_checks_pass_while_validating(monkeypatch, checks):
    """The form's `checks` slug checks pass, as for the second of two overlapping saves; the
    check made while saving is real."""
    checks = iter([True] * checks)
    real_check = Page._slug_is_available
    monkeypatch.setattr(
        Page,
        "_slug_is_available",
        staticmethod(lambda *args: next(checks, None) or real_check(*args)),
    )


def test_an_article_sent_twice_at_once_is_added_once_and_the_copy_told_why(
    editor_client, articles, monkeypatch
):
    existing = articles[0]
    slug_checks_pass_while_validating(monkeypatch, checks=1)
    data = article_form_data(editor_client, existing, EVERY_BLOCK, title="A copy", **PUBLISH)
    section = existing.get_parent()
    url = reverse("wagtailadmin_pages:add", args=["articles", "articlepage", section.pk])
    pages = Page.objects.count()
    response = editor_client.post(url, data)
    assert response.status_code == HTTPStatus.OK
    assert "already in use" in str(response.context["form"].errors["slug"])
    assert Page.objects.count() == pages


def test_two_articles_given_one_slug_at_once_keep_their_own(editor_client, monkeypatch):
    article = ArticlePage.objects.get(slug="anxiety-and-chronic-pain")
    taken, renamed = ArticlePage.objects.sibling_of(article).order_by("pk")[:2]
    slug_checks_pass_while_validating(monkeypatch, checks=2)  # the form's and the model's
    data = article_form_data(editor_client, renamed, EVERY_BLOCK, slug=taken.slug, **PUBLISH)
    response = post(editor_client, renamed, data)
    assert response.status_code == HTTPStatus.OK
    assert "already in use" in str(response.context["form"].errors["slug"])
    renamed.refresh_from_db()
    assert renamed.slug != taken.slug
    assert not renamed.revisions.filter(content__slug=taken.slug).exists()


def test_every_body_block_has_a_label_an_editor_reads():
    labels = [block.label for block in ArticleBodyBlock().child_blocks.values()]
    assert labels == [
        "Heading",
        "Paragraph",
        "List",
        "Quote",
        "Note",
        "Call to action",
        "Image",
        "References",
    ]


def test_an_empty_related_link_is_flagged_once_in_plain_words(editor_client, articles):
    article = articles[0]
    data = article_form_data(editor_client, article, EVERY_BLOCK, **PUBLISH)
    n = int(data["related_links-TOTAL_FORMS"])
    empty_link = {"id": "", "page": "", "teaser": "", "ORDER": str(n + 1), "DELETE": ""}
    data.update({f"related_links-{n}-{name}": value for name, value in empty_link.items()})
    data["related_links-TOTAL_FORMS"] = str(n + 1)
    response = post(editor_client, article, data)
    assert response.status_code == HTTPStatus.OK
    errors = response.context["form"].formsets["related_links"].forms[n].non_field_errors()
    assert list(errors) == ["Choose either an article or a teaser."]
    assert "is violated" not in response.content.decode()


def test_the_related_article_chooser_opens_in_the_articles_section(editor_client):
    article = ArticlePage.objects.get(slug="anxiety-and-chronic-pain")
    response = editor_client.get(reverse("wagtailadmin_pages:edit", args=[article.pk]))
    choosers = re.findall(
        r"new (\w+)\(\"id_related_links-(?:\d+|__prefix__)-page\", (\{.*?\})\);",
        response.content.decode(),
    )
    assert len(choosers) == article.related_links.count() + 1  # and the one for a new link
    section = article.get_parent()
    assert {(name, json.loads(opts)["startId"]) for name, opts in choosers} == {
        ("SectionPageChooser", section.pk)
    }
