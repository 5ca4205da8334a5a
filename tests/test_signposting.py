"""Safety signposting: the section's “Need help now?” box, the disclaimer and editorial policy."""

from http import HTTPStatus

import pytest

from django.urls import reverse

from articles.models import ArticlePage, SectionPage, Signpost, SiteSettings
from tests.helpers import normalise, soup

pytestmark = pytest.mark.django_db


@pytest.fixture
def signpost():
    return Signpost.objects.create(
        text="<p>If you are thinking of harming yourself, get help now.</p>",
        phone_numbers=[
            ("phone", {"label": "NHS 111", "number": "111"}),
            ("phone", {"label": "Samaritans", "number": "116 123"}),
        ],
    )


def with_signpost(section_slug, signpost):
    section = SectionPage.objects.get(slug=section_slug)
    section.signpost = signpost
    section.save_revision().publish()


def test_every_article_in_a_signposted_section_shows_the_box(client, signpost):
    with_signpost("chronic-pain", signpost)
    for article in ArticlePage.objects.child_of(SectionPage.objects.get(slug="chronic-pain")):
        box = soup(client.get(article.url)).select_one("aside.signpost")
        assert box.h2.get_text() == "Need help now?", article.title
        assert [a["href"] for a in box.select("a")] == ["tel:111", "tel:116123"]


def test_articles_in_other_sections_show_no_box(client, signpost):
    with_signpost("chronic-pain", signpost)
    other = SectionPage.objects.exclude(slug="chronic-pain").get()
    for article in ArticlePage.objects.child_of(other):
        assert soup(client.get(article.url)).select_one("aside.signpost") is None


def test_the_footer_disclaimer_defaults_to_the_librarys_wording(client, home):
    text = normalise(soup(client.get(home.url)).select_one(".site-footer__disclaimer").get_text())
    assert text.startswith("Information, not medical advice. The articles in this library")


def test_an_edited_disclaimer_shows_in_the_footer(client, home):
    SiteSettings.objects.update_or_create(
        site=home.get_site(), defaults={"disclaimer": "<p>Talk to your GP.</p>"}
    )
    footer = soup(client.get(home.url)).select_one(".site-footer__disclaimer")
    assert footer.get_text() == "Talk to your GP."


def test_every_article_footer_links_to_the_editorial_policy(client, articles):
    for article in articles:
        link = soup(client.get(article.url)).select_one(".article__policy a")
        assert link["href"] == reverse("editorial_policy"), article.title


def test_the_editorial_policy_shows_what_editors_wrote(client, home):
    SiteSettings.objects.update_or_create(
        site=home.get_site(), defaults={"editorial_policy": "<p>We cite our sources.</p>"}
    )
    response = client.get(reverse("editorial_policy"))
    assert response.status_code == HTTPStatus.OK
    assert soup(response).h1.get_text() == "Editorial policy"
    assert soup(response).select_one(".policy__text").get_text() == "We cite our sources."


def test_the_site_name_and_tagline_come_from_site_settings(client, home):
    SiteSettings.objects.update_or_create(
        site=home.get_site(), defaults={"site_name": "Body & Mind", "tagline": "Read well"}
    )
    html = soup(client.get(home.url))
    assert html.select_one(".site-header__name").get_text() == "Body & Mind"
    assert html.select_one(".site-footer__name").get_text() == "Body & Mind — Read well"
