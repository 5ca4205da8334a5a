"""A reader's comment in a real browser: written on its own page, refused with a clear message
when incomplete, approved by a reviewer in the moderation queue, then read on the article. axe
finds nothing to fix on the form (with and without errors) or on an article showing comments."""

import pytest
from playwright.sync_api import expect

from articles.comments.spam import MINIMUM_SECONDS
from tests.browser.test_accessibility import violations
from tests.browser.test_editorial_flow import as_user

ARTICLE = "/chronic-pain/treatment-of-psychogenic-pain/"
REVIEWER = ("rosa", "a-moderator-password-for-tests")
COMMENT = "Gentle walks <b>and</b> a pain diary helped me.\nThank you for this."


@pytest.fixture(scope="module")
def site(live_site):
    live_site.add_user(*REVIEWER, "Reviewers")
    return live_site


def open_form(page, site):
    page.goto(site.url + ARTICLE)
    page.get_by_role("link", name="Leave a comment").click()
    page.get_by_role("heading", name="Leave a comment").wait_for()


def write_comment(page):
    """Fill the form as a reader does: not faster than the site believes a person can."""
    page.get_by_label("Your name").fill("Sam Reader")
    page.get_by_label("Your e-mail address (optional)").fill("sam@example.org")
    page.get_by_label("Your comment").fill(COMMENT)
    page.wait_for_timeout(MINIMUM_SECONDS * 1000)
    page.get_by_role("button", name="Send comment").click()


def approve_in_queue(page, site):
    page.goto(site.url + "/admin/reader-comments/?status=pending")
    page.get_by_role("button", name="Approve, comment from Sam Reader").click()
    page.locator(".messages").get_by_text("Approved: “Gentle walks").wait_for()


def test_a_reader_comments_a_reviewer_approves_and_the_reader_reads_it(browser, site, page):
    open_form(page, site)
    write_comment(page)
    page.get_by_role("heading", name="Thank you: your comment awaits moderation").wait_for()
    page.goto(site.url + ARTICLE)
    assert page.locator(".comment").count() == 0

    approve_in_queue(as_user(browser, site, REVIEWER), site)

    page.reload()  # the browser may keep the article for a minute; a reload asks again
    comment = page.locator(".comment")
    assert comment.locator(".comment__name").inner_text() == "Sam Reader"
    assert comment.locator(".comment__text").inner_text() == COMMENT
    assert "sam@example.org" not in page.content()
    assert violations(page) == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_comment_form_has_no_accessibility_violations_with_or_without_errors(
    site, page, scheme
):
    page.emulate_media(color_scheme=scheme)
    open_form(page, site)
    assert violations(page) == []
    page.get_by_label("Your comment").fill("No name given")
    page.get_by_role("button", name="Send comment").click()
    expect(page.get_by_role("alert")).to_contain_text("Your name: This field is required.")
    assert page.get_by_label("Your comment").input_value() == "No name given"
    assert violations(page) == []
