"""An article reaches a phone in a few small requests, all to the site itself."""

import re
from urllib.parse import urlsplit

from playwright.sync_api import expect

ARTICLE = "/chronic-pain/treatment-of-psychogenic-pain/"


def test_an_article_costs_three_requests_and_under_50_kb(live_site, page):
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(live_site.url + ARTICLE, wait_until="networkidle")
    sizes = [response.request.sizes()["responseBodySize"] for response in responses]
    assert len(responses) <= 3
    assert sum(sizes) <= 50_000
    assert {urlsplit(response.url).netloc for response in responses} == {
        urlsplit(live_site.url).netloc
    }


def test_the_article_html_is_sent_compressed(live_site, page):
    response = page.request.get(live_site.url + ARTICLE, headers={"Accept-Encoding": "gzip"})
    assert response.headers["content-encoding"] == "gzip"


def test_copy_link_appears_when_javascript_runs(live_site, page):
    page.goto(live_site.url + ARTICLE)
    button = page.get_by_role("button", name="Copy link")
    button.wait_for()
    assert button.get_attribute("data-url") == live_site.url + ARTICLE


def test_the_contents_links_move_to_their_sections(live_site, page):
    page.goto(live_site.url + ARTICLE)
    page.get_by_role("link", name="Common Analgesics").click()
    expect(page).to_have_url(re.compile("#common-analgesics$"))
    expect(page.locator("#common-analgesics")).to_be_in_viewport()
