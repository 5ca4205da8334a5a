"""axe-core finds nothing to fix on any kind of page, in light or dark colours."""

import pytest
from axe_playwright_python.sync_playwright import Axe

PAGES = {
    "home": "/",
    "section": "/chronic-pain/",
    "topic": "/topics/stress/",
    "article": "/chronic-pain/treatment-of-psychogenic-pain/",
    "search with results": "/search/?q=back+pain",
    "search without a query": "/search/",
    "not found": "/no-such-page/",
    "contact": "/contact/",
    "newsletter sign-up": "/newsletter/",
    "privacy notice": "/privacy/",
}
WCAG = {"runOnly": ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]}


def violations(page):
    """What axe finds against WCAG 2.2 A and AA on the page as it is now: (rule, elements)."""
    results = Axe().run(page, options=WCAG)
    return [
        (v["id"], [node["target"] for node in v["nodes"]]) for v in results.response["violations"]
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", PAGES)
def test_a_page_has_no_accessibility_violations(live_site, page, name, scheme):
    page.emulate_media(color_scheme=scheme)
    page.goto(live_site.url + PAGES[name])
    assert violations(page) == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(
    ("url", "button"), [("/contact/", "Send message"), ("/newsletter/", "Sign up")]
)
def test_a_form_showing_its_errors_has_no_accessibility_violations(
    live_site, page, url, button, scheme
):
    page.emulate_media(color_scheme=scheme)
    page.goto(live_site.url + url)
    page.get_by_role("button", name=button).click()
    page.get_by_role("alert").wait_for()
    assert violations(page) == []
