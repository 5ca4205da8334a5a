"""Live preview on the site as it ships: the article shows in the admin's preview panel at
phone and desktop sizes, and the checks panel measures it."""

import re

import pytest
from playwright.sync_api import expect

SLUG = "anxiety-and-chronic-pain"
DRAFTED = "psychological-states-autoimmune-conditions"
# A subheading straight after the title skips a level: Wagtail's accessibility checks flag it.
SKIPPING_A_LEVEL = [
    ("heading", {"text": "What helps", "level": "h3", "anchor": ""}),
    ("paragraph", "<p>Walking, most days.</p>"),
]


@pytest.fixture
def editor(admin_page, live_site):
    """The admin's edit view of an article; its title is kept on the tab as `article_title`."""
    found = live_site.python(
        "from articles.models import ArticlePage\n"
        f"article = ArticlePage.objects.get(slug={SLUG!r})\n"
        "print(article.pk, article.title)"
    )
    pk, admin_page.article_title = found.split(" ", 1)
    admin_page.goto(f"{live_site.url}/admin/pages/{pk}/edit/")
    return admin_page


@pytest.mark.parametrize(("size", "width"), [("mobile", 375), ("desktop", 1280)])
def test_the_preview_panel_shows_the_article_at_phone_and_desktop_sizes(editor, size, width):
    editor.get_by_role("button", name="Toggle preview").click()
    editor.get_by_label(f"Preview in {size} size").check()
    preview = editor.frame_locator("#w-preview-iframe")
    expect(preview.locator("h1")).to_have_text(editor.article_title)
    expect(preview.locator("main")).to_contain_text("Contents")
    frame = editor.locator("#w-preview-iframe")
    assert frame.evaluate("frame => frame.contentWindow.innerWidth") == width


def test_the_checks_panel_counts_the_previewed_articles_words(editor):
    editor.get_by_role("button", name="Toggle checks").click()
    words = editor.locator("[data-content-word-count]")
    expect(words).to_have_text(re.compile(r"^\d+$"))
    assert int(words.inner_text()) > 500
    expect(editor.locator("[data-content-reading-time]")).to_have_text(re.compile(r"^\d+ mins?$"))
    expect(editor.locator("[data-content-readability-score]")).not_to_have_text("-")


def test_the_checks_panel_runs_the_accessibility_checks_inside_the_preview(admin_page, live_site):
    pk = live_site.python(
        "from articles.models import ArticlePage\n"
        f"article = ArticlePage.objects.get(slug={DRAFTED!r})\n"
        f"article.body = {SKIPPING_A_LEVEL!r}\n"
        "article.save_revision()\n"
        "print(article.pk)"
    )
    admin_page.goto(f"{live_site.url}/admin/pages/{pk}/edit/")
    admin_page.get_by_role("button", name="Toggle checks").click()
    expect(admin_page.locator("[data-content-checker-count]")).to_have_text("1")
    expect(admin_page.locator("[data-checks-panel]")).to_contain_text("Incorrect heading hierarchy")
