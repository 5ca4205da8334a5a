"""The whole editorial flow in a real browser: an editor writes and submits an article, a
reviewer approves it and records the clinical review, readers find it, and a renamed article's
old address redirects.

Each step is its own function, so the flow reads as the newsroom does it and later steps
(related links, search, sitemap and feeds) slot in beside these."""

import re
from datetime import date
from http import HTTPStatus

import pytest
from playwright.sync_api import expect

ADMIN_TIMEOUT = 30_000
EXPLORER = re.compile(r"/admin/pages/\d+/$")
EDITOR = ("eddie", "an-editor-password-for-tests")
REVIEWER = ("rita", "a-reviewer-password-for-tests")
TITLE = "Sleep, stress and the body's alarm system"
SLUG = "sleep-stress-and-the-bodys-alarm-system"
REFERENCE = "Walker, Matthew. “Sleep and Stress.” Journal of Sleep Research 12.3 (2020): 1-10."


@pytest.fixture(scope="module")
def newsroom(live_site):
    """The live site with an editor, a reviewer and a clinician who reviews articles."""
    live_site.add_user(*EDITOR, "Editors")
    live_site.add_user(*REVIEWER, "Reviewers")
    live_site.python(
        "from articles.models import Person\n"
        "Person.objects.create(name='Dr Ada Okafor', credentials='MBBS')"
    )
    return live_site


def as_user(browser, site, credentials):
    """A desktop-sized browser tab logged in to the admin as `credentials`."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(ADMIN_TIMEOUT)
    page.goto(site.url + "/admin/login/")
    page.get_by_label("Username").fill(credentials[0])
    page.get_by_label("Password").fill(credentials[1])
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(site.url + "/admin/")
    return page


def add_block(page, name):
    """Append a block of type `name` to the article body."""
    page.locator("button.c-sf-add-button").last.click()
    page.get_by_role("option", name=name, exact=True).click()


def start_article(page, site, title, standfirst):
    """Open a new article in Chronic pain and give it its title and standfirst."""
    section_id = site.python(
        "from articles.models import SectionPage\n"
        "print(SectionPage.objects.get(slug='chronic-pain').pk)"
    )
    page.goto(f"{site.url}/admin/pages/{section_id}/add_subpage/")
    page.get_by_role("textbox", name="Title*").fill(title)
    page.get_by_role("textbox", name="Standfirst*").fill(standfirst)


def write_article(page, site):
    """Open a new article in Chronic pain and fill in every part a reader will see."""
    start_article(page, site, TITLE, "How a restless night turns up pain, and what helps.")
    tags = page.locator("[data-controller=w-tag] + .tagit input")
    tags.fill("sleep")
    tags.press("Enter")
    add_block(page, "Heading")
    page.locator("#body-0-value-text").fill("Why sleep matters")
    add_block(page, "Paragraph")
    paragraph = page.locator("[data-streamfield-widget]:has(#body-1-value) [role=textbox]")
    paragraph.click()
    paragraph.type("Poor sleep lowers the threshold for pain [1].")
    add_block(page, "List")
    page.locator("#body-2-value-items-0-value").fill("Keep regular hours")
    add_block(page, "Quote")
    page.locator("#body-3-value-text").fill("Sleep is the best meditation.")
    add_block(page, "References")
    fill_reference(page, "body-4-value-items-0-value-")


def fill_reference(page, prefix):
    fields = {
        "authors": "Walker, Matthew",
        "title": "Sleep and Stress",
        "container": "Journal of Sleep Research",
        "volume": "12",
        "issue": "3",
        "year": "2020",
        "pages": "1-10",
    }
    for name, value in fields.items():
        page.locator(f"#{prefix}{name}").fill(value)


def submit_for_review(page):
    """Send the draft to the reviewers; an editor has no publish button."""
    page.get_by_role("button", name="More actions").click()
    assert page.get_by_role("button", name="Publish").count() == 0
    page.get_by_role("button", name="Submit to Clinical review").click()
    page.get_by_role("link", name=re.compile(TITLE)).wait_for()
    page.get_by_text(re.compile("in moderation", re.IGNORECASE)).first.wait_for()


def article_admin_id(site):
    return site.python(
        "from articles.models import ArticlePage\n"
        f"print(ArticlePage.objects.get(title={TITLE!r}).pk)"
    )


def approve_recording_review(page, site):
    """The reviewer approves and records who reviewed the article, in one step."""
    page.goto(f"{site.url}/admin/pages/{article_admin_id(site)}/edit/")
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Approve and record review").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("Medically reviewed by").select_option(label="Dr Ada Okafor, MBBS")
    dialog.get_by_role("button", name="Approve and record review").click()
    page.wait_for_url(EXPLORER)


def approve(page, site):
    page.goto(f"{site.url}/admin/pages/{article_admin_id(site)}/edit/")
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Approve and Publish", exact=True).click()
    page.wait_for_url(EXPLORER)


def assert_readers_see_the_article(page, site):
    """Live, in its section and on the home page, with its review line and reference."""
    page.goto(site.url + "/chronic-pain/")
    page.get_by_role("link", name=TITLE).first.wait_for()
    page.goto(site.url + "/")
    page.get_by_role("link", name=TITLE).first.click()
    expect(page.locator("h1")).to_have_text(TITLE)
    today = date.today()
    review = page.locator(".article__review").inner_text()
    assert review.startswith(f"Reviewed by Dr Ada Okafor, MBBS on {today.day} {today:%B %Y}.")
    assert page.locator("#ref-1").inner_text() == REFERENCE
    page.locator("sup.cite").get_by_role("link", name="1").click()
    expect(page).to_have_url(re.compile("#ref-1$"))
    assert page.get_by_text("Keep regular hours").is_visible()
    assert page.get_by_text("Sleep is the best meditation.").is_visible()
    assert page.locator(".tag-list").inner_text() == "sleep"


def change_slug(page, site, slug):
    page.goto(f"{site.url}/admin/pages/{article_admin_id(site)}/edit/")
    page.get_by_role("tab", name="Promote").click()
    page.get_by_role("textbox", name="Slug*").fill(slug)
    submit_for_review(page)


def test_an_article_goes_from_editor_to_reviewer_to_readers(browser, newsroom, page):
    editor = as_user(browser, newsroom, EDITOR)
    write_article(editor, newsroom)
    submit_for_review(editor)
    reviewer = as_user(browser, newsroom, REVIEWER)
    approve_recording_review(reviewer, newsroom)
    assert_readers_see_the_article(page, newsroom)

    change_slug(editor, newsroom, "sleep-and-stress")
    approve(reviewer, newsroom)
    response = page.request.get(f"{newsroom.url}/chronic-pain/{SLUG}/", max_redirects=0)
    assert response.status == HTTPStatus.MOVED_PERMANENTLY
    assert re.search(r"/chronic-pain/sleep-and-stress/$", response.headers["location"])


TEASER = "Gentle yoga eased low back pain as much as physiotherapy, a trial of 300 adults found."


def create_teaser_from_the_chooser(page):
    """Add a related link and create its teaser in the chooser, as an editor does."""
    page.get_by_role("button", name="Add related link").click()
    page.get_by_role("button", name="Choose teaser").last.click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_role("tab", name="Create").click()
    dialog.get_by_label("Summary").fill(TEASER)
    dialog.get_by_label("Date").fill("2025-06-02")
    dialog.get_by_label("Target URL").fill("https://example.org/yoga-and-back-pain")
    dialog.get_by_role("button", name="Create").click()
    expect(dialog).to_be_hidden()


def test_an_editor_creates_a_teaser_from_the_chooser_and_links_it(browser, newsroom):
    editor = as_user(browser, newsroom, EDITOR)
    article_id = newsroom.python(
        "from articles.models import ArticlePage\n"
        "print(ArticlePage.objects.get(slug='anxiety-and-chronic-pain').pk)"
    )
    edit_url = f"{newsroom.url}/admin/pages/{article_id}/edit/"
    editor.goto(edit_url)
    create_teaser_from_the_chooser(editor)
    editor.get_by_role("button", name="Save draft").click()
    editor.get_by_text("has been updated").first.wait_for()
    linked = newsroom.python(
        "from articles.models import ArticlePage\n"
        "draft = ArticlePage.objects.get(slug='anxiety-and-chronic-pain')"
        ".get_latest_revision_as_object()\n"
        "print([link.teaser.summary for link in draft.related_links.all() if link.teaser])"
    )
    assert TEASER in linked
    editor.goto(edit_url)
    expect(editor.locator("[data-chooser-title]", has_text=TEASER[:40])).to_have_count(1)
    assert_the_article_chooser_opens_in_the_section(editor, newsroom)


def assert_the_article_chooser_opens_in_the_section(page, site):
    """A new link's article chooser lists the section's articles, not the site's sections."""
    section, sibling = site.python(
        "from articles.models import ArticlePage\n"
        "article = ArticlePage.objects.get(slug='anxiety-and-chronic-pain')\n"
        "print(article.get_parent().title, '|', article.get_siblings().exclude(pk=article.pk)"
        ".live().first().title)"
    ).split(" | ")
    page.get_by_role("button", name="Add related link").click()
    page.get_by_role("button", name=re.compile("^Choose a page")).last.click()
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_role("link", name=sibling, exact=True)).to_be_visible()
    expect(dialog).to_contain_text(section)
