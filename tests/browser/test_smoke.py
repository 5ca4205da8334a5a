"""A reader's phone browser loads the production-like site."""

import re
from http import HTTPStatus

from playwright.sync_api import expect


def test_a_reader_opens_an_article_from_the_home_page(live_site, page):
    response = page.goto(live_site.url + "/")
    assert response.status == HTTPStatus.OK
    page.get_by_role("link", name="Treatment of Psychogenic Pain").click()
    expect(page.locator("h1")).to_have_text("Treatment of Psychogenic Pain")
    page.get_by_role("link", name="Muscle Relaxants").click()
    expect(page).to_have_url(re.compile("#muscle-relaxants$"))


def test_static_files_are_compressed_and_cached_for_ever(live_site, page):
    page.goto(live_site.url + "/")
    stylesheet = page.locator("link[rel=stylesheet]").get_attribute("href")
    response = page.request.get(live_site.url + stylesheet, headers={"Accept-Encoding": "br"})
    assert response.headers["content-encoding"] == "br"
    assert "immutable" in response.headers["cache-control"]
