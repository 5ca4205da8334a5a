"""What a reader sees: every page renders, and every article shows all of its source."""

import json
from datetime import datetime
from http import HTTPStatus

import pytest

from django.template.loader import render_to_string

from articles.models import ArticlePage, SectionPage
from tests.helpers import FIXTURES_DIR, normalise, soup, visible_text

pytestmark = pytest.mark.django_db
ARTICLE_FILES = sorted(path.name for path in (FIXTURES_DIR / "articles").glob("*.json"))
FURNITURE = {
    "Facebook X Reddit",
    "ADVERTISEMENT",
    "Leave a comment",
    "Comments",
    "Table of Contents",
    "Related Articles",
}


def source_sentences(fixture):
    """The lines of a source document, less furniture and metadata, related list included."""
    lines = (FIXTURES_DIR / "sources" / fixture["source"]).read_text().splitlines()
    for line in lines:
        line = normalise(line.replace("•", ""))
        if line and line not in FURNITURE and not line.startswith("- "):
            yield line


def as_iso_date(line):
    try:
        return datetime.strptime(line, "%B %d, %Y").date().isoformat()
    except ValueError:
        return None


def test_every_page_answers(client, home):
    urls = [home.url] + [page.url for page in SectionPage.objects.all()]
    urls += [page.url for page in ArticlePage.objects.all()]
    assert len(urls) == 8
    for url in urls:
        assert client.get(url).status_code == HTTPStatus.OK, url


@pytest.mark.parametrize("name", ARTICLE_FILES)
def test_every_source_sentence_is_on_the_article_page(client, name):
    fixture = json.loads((FIXTURES_DIR / "articles" / name).read_text())
    page = ArticlePage.objects.get(slug=fixture["slug"])
    response = client.get(page.url)
    text = visible_text(response)
    dates = {time["datetime"] for time in soup(response).select("main time")}
    missing = [
        line
        for line in source_sentences(fixture)
        if line not in text and as_iso_date(line) not in dates
    ]
    assert not missing


def test_an_article_shows_its_facts(client):
    page = ArticlePage.objects.get(slug="anxiety-and-chronic-pain")
    html = soup(client.get(page.url))
    assert len(html.find_all("h1")) == 1
    assert "By Joana" in html.find("main").get_text()
    assert html.find("article").find("time") is None  # the source prints no year: no date


def test_a_dated_article_shows_its_date_in_a_time_element(client):
    page = ArticlePage.objects.get(slug="neurotransmitter-imbalances-psychosomatic-disorders")
    time = soup(client.get(page.url)).find("time")
    assert time["datetime"] == "2025-07-19"
    assert time.get_text() == "July 19, 2025"


def test_the_table_of_contents_links_to_sections(client):
    page = ArticlePage.objects.get(slug="treatment-of-psychogenic-pain")
    html = soup(client.get(page.url))
    anchors = [link["href"][1:] for link in html.select("nav.toc a")]
    section_ids = {section["id"] for section in html.select("main section[id]")}
    assert len(anchors) == 47
    assert set(anchors) == section_ids
    assert len(anchors) == len(set(anchors))


def test_works_cited_render_as_a_numbered_list(client):
    page = ArticlePage.objects.get(slug="psychological-states-autoimmune-conditions")
    items = soup(client.get(page.url)).select("ol.references__list li")
    assert len(items) == 10
    assert items[0].get_text().startswith("Coan, James A., and John J.B. Allen. “The Neural")


def test_a_section_lists_its_articles_newest_first(client):
    section = SectionPage.objects.get(slug="chronic-pain")
    titles = [
        h.get_text(strip=True) for h in soup(client.get(section.url)).select(".article-card__title")
    ]
    assert titles[0].startswith("How chronic low back pain")
    assert len(titles) == 3


@pytest.mark.parametrize("page_number", ["abc", "0", "99", "-1", "1.5"])
def test_a_bad_page_number_is_a_404(client, page_number):
    section = SectionPage.objects.get(slug="chronic-pain")
    response = client.get(section.url, {"page": page_number})
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert "Page not found" in response.content.decode()


def test_a_missing_page_has_a_helpful_404(client, home):
    response = client.get("/no-such-article/")
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert soup(response).find("h1").get_text() == "Page not found"


def test_the_500_page_renders_without_the_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        html = render_to_string("500.html")
    assert "Something went wrong" in html


def test_the_footer_carries_the_medical_disclaimer(client, home):
    assert "not medical advice" in soup(client.get(home.url)).find("footer").get_text()
