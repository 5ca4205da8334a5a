"""Long articles are edited and published in the admin of the site as it ships: the longest
article of the fixtures, and one of 400 blocks."""

import re

import pytest
from playwright.sync_api import expect

LONGEST = "Treatment of Psychogenic Pain"
LONG_ARTICLE_TIMEOUT = 300_000  # the editor's script takes a minute over 400 blocks here


def copy_with_blocks(site, blocks):
    """A live copy of the longest article with its body repeated to `blocks` blocks; its id."""
    return site.python(
        "from articles.models import ArticlePage\n"
        f"source = ArticlePage.objects.get(title={LONGEST!r})\n"
        "copy = source.copy(update_attrs={\n"
        f"    'title': 'A long read of {blocks} blocks', 'slug': 'long-read-{blocks}'}})\n"
        "body = [(block.block_type, block.value) for block in source.body]\n"
        f"copy.body = (body * ({blocks} // len(body) + 1))[:{blocks}]\n"
        "copy.save_revision().publish()\n"
        "print(copy.pk)"
    )


@pytest.fixture
def long_read(live_site):
    """The id of a live article of 400 blocks, deleted afterwards: the site is shared, and its
    home page lists each section's newest articles."""
    pk = copy_with_blocks(live_site, 400)
    yield pk
    live_site.python(f"from wagtail.models import Page\nPage.objects.get(pk={pk}).delete()")


def article_facts(site, pk):
    """The live article's blocks and standfirst, read from the database."""
    return site.python(
        "from articles.models import ArticlePage\n"
        f"article = ArticlePage.objects.get(pk={pk})\n"
        "print(len(article.body), article.standfirst)"
    )


def publish_with_new_standfirst(page, site, pk, standfirst):
    """Open the article in the editor, change its standfirst and publish it."""
    page.set_default_timeout(LONG_ARTICLE_TIMEOUT)
    page.goto(f"{site.url}/admin/pages/{pk}/edit/")
    page.get_by_role("textbox", name="Standfirst*").fill(standfirst)
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish", exact=True).click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/$"))
    expect(page.locator(".messages")).to_contain_text("has been published")


def test_the_longest_article_is_edited_and_published_in_the_admin(admin_page, live_site):
    pk = live_site.python(
        "from articles.models import ArticlePage\n"
        f"print(ArticlePage.objects.get(title={LONGEST!r}).pk)"
    )
    publish_with_new_standfirst(admin_page, live_site, pk, "Revised for the long edit.")
    assert article_facts(live_site, pk) == "127 Revised for the long edit."


def test_an_article_of_400_blocks_is_edited_and_published_in_the_admin(
    admin_page, live_site, long_read
):
    publish_with_new_standfirst(admin_page, live_site, long_read, "Revised at length.")
    assert article_facts(live_site, long_read) == "400 Revised at length."
