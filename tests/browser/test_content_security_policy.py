"""A real browser loads every kind of page under its Content-Security-Policy without a
single violation: the public pages, the userbar an editor sees on them, and the admin."""

import pytest

PUBLIC_PAGES = ["/", "/chronic-pain/", "/chronic-pain/anxiety-and-chronic-pain/", "/no-such-page/"]
LISTEN = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


@pytest.fixture
def watched_page(page):
    page.add_init_script(LISTEN)
    return page


def violations(page):
    page.wait_for_load_state("networkidle")
    return page.evaluate("window.cspViolations")


def sign_in(page, live_site, credentials):
    page.goto(live_site.url + "/admin/login/")
    page.fill("input[name=username]", credentials[0])
    page.fill("input[name=password]", credentials[1])
    page.click("button[type=submit]")
    page.wait_for_url(live_site.url + "/admin/")


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_a_reader_sees_no_policy_violation(live_site, watched_page, path):
    watched_page.goto(live_site.url + path)
    assert violations(watched_page) == []


def test_the_policy_blocks_an_inline_style_and_the_listener_hears_it(live_site, watched_page):
    watched_page.goto(live_site.url + "/")
    watched_page.evaluate("document.body.insertAdjacentHTML('beforeend', '<p style=color:red>')")
    assert violations(watched_page) == ["style-src-attr inline"]


def test_an_editor_sees_the_userbar_on_a_public_page_without_violations(
    live_site, watched_page, admin_credentials
):
    sign_in(watched_page, live_site, admin_credentials)
    watched_page.goto(live_site.url + PUBLIC_PAGES[2])
    watched_page.locator("wagtail-userbar").wait_for(state="attached")
    assert violations(watched_page) == []


def test_the_admin_edit_page_works_without_violations(live_site, watched_page, admin_credentials):
    sign_in(watched_page, live_site, admin_credentials)
    watched_page.goto(live_site.url + "/admin/pages/search/?q=psychogenic")
    watched_page.get_by_role("link", name="Treatment of Psychogenic Pain").first.click()
    watched_page.wait_for_url("**/edit/")
    watched_page.get_by_role("button", name="Save draft").wait_for()
    assert violations(watched_page) == []
