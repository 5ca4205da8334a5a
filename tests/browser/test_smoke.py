"""A reader's phone browser loads the production-like site."""

import re
from http import HTTPStatus

from playwright.sync_api import expect

ARTICLE = (
    "The role of neurotransmitter imbalances in psychosomatic disorders and evidence-informed "
    "intervention choices."
)
HEADING = "Integrating evidence with personalized treatment planning"


def test_a_reader_opens_an_article_from_the_home_page(live_site, page):
    """An article of Mind–body science, where no other browser test adds articles: the home
    page lists each section's three newest."""
    response = page.goto(live_site.url + "/")
    assert response.status == HTTPStatus.OK
    page.get_by_role("link", name=ARTICLE).click()
    expect(page.locator("h1")).to_have_text(ARTICLE)
    page.get_by_role("link", name=HEADING).click()
    expect(page).to_have_url(
        re.compile("#integrating-evidence-with-personalized-treatment-planning$")
    )


def test_static_files_are_compressed_and_cached_for_ever(live_site, page):
    page.goto(live_site.url + "/")
    stylesheet = page.locator("link[rel=stylesheet]").get_attribute("href")
    response = page.request.get(live_site.url + stylesheet, headers={"Accept-Encoding": "br"})
    assert response.headers["content-encoding"] == "br"
    assert "immutable" in response.headers["cache-control"]
