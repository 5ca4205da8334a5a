"""How a reader moves around: breadcrumbs, sections on the home page, topics, next articles."""

from datetime import date
from http import HTTPStatus

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from taggit.models import Tag
from wagtail.models import Page

from articles.models import ArticlePage, SectionPage, TopicDescription
from articles.navigation import breadcrumbs
from articles.synthetic import generate_articles, generated_articles
from tests.helpers import FIXTURES_DIR, soup

pytestmark = pytest.mark.django_db
BACK_PAIN = "chronic-low-back-pain-psychosomatic-contributors"


def card_titles(response):
    return [title.get_text(strip=True) for title in soup(response).select(".article-card__title")]


def test_breadcrumbs_lead_from_home_through_the_section_in_one_query(
    django_assert_num_queries,
):
    article = ArticlePage.objects.get(slug=BACK_PAIN)
    url = article.url  # Wagtail caches the site's root paths once per process
    with django_assert_num_queries(1):
        trail = breadcrumbs(article)
    assert trail == [
        ("Mind–Body Library", "/"),
        ("Chronic pain", "/chronic-pain/"),
        (article.title, url),
    ]


def test_an_article_shows_breadcrumbs_to_its_section(client):
    nav = soup(client.get(ArticlePage.objects.get(slug=BACK_PAIN).url)).find(
        "nav", attrs={"aria-label": "Breadcrumb"}
    )
    assert [link["href"] for link in nav.find_all("a")] == ["/", "/chronic-pain/"]


def test_a_section_shows_a_breadcrumb_home(client):
    nav = soup(client.get("/chronic-pain/")).find("nav", attrs={"aria-label": "Breadcrumb"})
    assert [link.get_text() for link in nav.find_all("a")] == ["Mind–Body Library"]


def test_the_home_page_shows_each_section_with_its_latest_articles(client, home):
    html = soup(client.get(home.url))
    listings = html.select("main section.listing")
    assert [listing.h2.get_text(strip=True) for listing in listings] == [
        "Chronic pain",
        "Mind–body science",
    ]
    assert len(listings[0].select(".article-card")) == 3
    assert (
        listings[1]
        .select_one(".article-card__title")
        .get_text(strip=True)
        .startswith("The role of neurotransmitter")
    )


def test_the_home_page_costs_the_same_queries_with_more_articles(
    client, home, django_assert_max_num_queries
):
    section = SectionPage.objects.get(slug="mind-body-science")
    for n in range(4):
        section.add_child(
            instance=ArticlePage(title=f"Extra {n}", slug=f"extra-{n}", standfirst="x")
        )
    with django_assert_max_num_queries(13):
        response = client.get(home.url)
    assert len(soup(response).select(".article-card")) == 6


def test_an_article_links_to_its_neighbours_in_the_section(client):
    article = ArticlePage.objects.get(slug="treatment-of-psychogenic-pain")
    nav = soup(client.get(article.url)).find("nav", class_="article-nav")
    assert nav.find("a", rel="prev")["href"].endswith(f"/{BACK_PAIN}/")
    assert nav.find("a", rel="next")["href"].endswith("/anxiety-and-chronic-pain/")


def test_the_newest_article_has_no_previous_article(client):
    nav = soup(client.get(ArticlePage.objects.get(slug=BACK_PAIN).url)).find(
        "nav", class_="article-nav"
    )
    assert nav.find("a", rel="prev") is None
    assert "Treatment of Psychogenic Pain" in nav.find("a", rel="next").get_text()


def test_finding_neighbours_takes_two_queries(django_assert_num_queries):
    article = ArticlePage.objects.get(slug="treatment-of-psychogenic-pain")
    with django_assert_num_queries(2):  # view restrictions, then both neighbours in one
        previous, following = article.neighbours()
    assert (previous.slug, following.slug) == (BACK_PAIN, "anxiety-and-chronic-pain")


def test_neighbours_match_the_section_listing_with_shared_and_missing_dates():
    generate_articles(30, FIXTURES_DIR, seed=7)
    generated = list(generated_articles().order_by("pk"))
    for index, article in enumerate(generated):  # same days, undated, same first publication
        article.date = None if index % 3 == 0 else date(2025, 1, 1 + index % 2)
    ArticlePage.objects.bulk_update(generated, ["date"])
    Page.objects.filter(pk__in=[a.pk for a in generated]).update(
        first_published_at=generated[0].first_published_at
    )
    for section in SectionPage.objects.all():
        listed = [None, *ArticlePage.objects.listing().child_of(section), None]
        for before, article, after in zip(listed, listed[1:], listed[2:], strict=False):
            assert article.neighbours() == (before, after)


def test_an_articles_tags_link_to_their_topic_pages(client):
    html = soup(client.get(ArticlePage.objects.get(slug=BACK_PAIN).url))
    links = {link.get_text(): link["href"] for link in html.select(".tag-list a")}
    assert links["back pain"] == "/topics/back-pain/"


def test_a_topic_page_lists_the_articles_with_that_tag(client):
    response = client.get("/topics/stress/")
    assert response.status_code == HTTPStatus.OK
    assert soup(response).find("h1").get_text() == "Stress"
    assert len(card_titles(response)) == 4


def test_a_topic_page_shows_the_editors_description(client):
    TopicDescription.objects.create(
        tag=Tag.objects.get(slug="sleep"), description="How rest shapes pain."
    )
    intro = soup(client.get("/topics/sleep/")).select_one(".page-intro__text")
    assert intro.get_text() == "How rest shapes pain."


def test_a_topic_page_without_a_description_says_what_it_lists(client):
    intro = soup(client.get("/topics/sleep/")).select_one(".page-intro__text")
    assert "about sleep" in intro.get_text()


@pytest.mark.parametrize("url", ["/topics/no-such-topic/", "/topics/stress/?page=abc"])
def test_an_unknown_topic_or_page_is_a_404(client, url):
    assert client.get(url).status_code == HTTPStatus.NOT_FOUND


def test_a_tag_only_drafts_carry_has_no_topic_page(client):
    Tag.objects.create(name="unused", slug="unused")
    assert client.get("/topics/unused/").status_code == HTTPStatus.NOT_FOUND


def test_a_topic_page_costs_the_same_queries_however_many_articles(client):
    client.get("/topics/stress/")
    with CaptureQueriesContext(connection) as one:
        assert len(card_titles(client.get("/topics/back-pain/"))) == 1
    with CaptureQueriesContext(connection) as four:
        assert len(card_titles(client.get("/topics/stress/"))) == 4
    assert len(one) == len(four) <= 11


def test_topic_cards_name_each_articles_section(client):
    cards = soup(client.get("/topics/stress/")).select(".article-card__section")
    assert {card.get_text() for card in cards} == {"Chronic pain", "Mind–body science"}
