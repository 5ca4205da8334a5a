"""Real-browser tests: Debian's Chromium driven by Playwright against the site as it ships.

`live_site` is the server `make run` starts (gunicorn, whitenoise, config.settings, DEBUG off,
the real security headers and request limits) on a throwaway database of its own (SQLite, or
PostgreSQL when DATABASE_URL names it), loaded with the fixtures and a superuser; every browser
test uses it, through `page` (a phone-sized tab) or `admin_page` (a desktop-sized tab signed in
to the admin)."""

import os
import shutil

import pytest

from tests.live_server import ADMIN_PASSWORD, ADMIN_USER, LiveSite

ADMIN_TIMEOUT = 30_000
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.path):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def live_site(tmp_path_factory):
    site = LiveSite(tmp_path_factory.mktemp("live")).start()
    yield site
    site.stop()


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI") == "true":
            pytest.fail("chromium is required in CI")
        pytest.skip("chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def admin_credentials():
    return ADMIN_USER, ADMIN_PASSWORD


@pytest.fixture
def admin_page(browser, live_site):
    """A desktop-sized tab signed in to the live site's admin as its superuser."""
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    page.set_default_timeout(ADMIN_TIMEOUT)
    page.goto(live_site.url + "/admin/login/")
    page.fill("input[name=username]", ADMIN_USER)
    page.fill("input[name=password]", ADMIN_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(live_site.url + "/admin/")
    yield page
    context.close()
