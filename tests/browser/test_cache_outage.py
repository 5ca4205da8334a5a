"""An editor who publishes while the page cache cannot be reached is told so."""

import re

import pytest
import redis
from playwright.sync_api import expect

from tests.live_server import ADMIN_PASSWORD, ADMIN_USER, LiveSite

REDIS_URL = "redis://127.0.0.1:6379/12"


@pytest.fixture(scope="module")
def site(tmp_path_factory, relay):
    redis.Redis.from_url(REDIS_URL).flushdb()
    site = LiveSite(
        tmp_path_factory.mktemp("outage"), name="cache_outage", REDIS_URL=relay.url_for(REDIS_URL)
    )
    yield site.start()
    site.stop()


def test_an_editor_publishing_while_the_page_cache_is_unreachable_is_told(browser, site, relay):
    article_id = site.python(
        "from articles.models import ArticlePage\n"
        "print(ArticlePage.objects.get(slug='anxiety-and-chronic-pain').pk)"
    )
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto(site.url + "/admin/login/")
    page.get_by_label("Username").fill(ADMIN_USER)
    page.get_by_label("Password").fill(ADMIN_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(site.url + "/admin/")
    page.goto(f"{site.url}/admin/pages/{article_id}/edit/")
    page.get_by_role("textbox", name="Title*").fill("Published while the cache was away")
    relay.close()
    try:
        page.get_by_role("button", name="More actions").click()
        page.get_by_role("button", name="Publish", exact=True).click()
        page.wait_for_url(re.compile(r"/admin/pages/\d+/$"))
        expect(page.get_by_text("The page cache could not be reached")).to_be_visible()
    finally:
        relay.open()
        context.close()
