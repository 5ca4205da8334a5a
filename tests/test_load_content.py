"""load_content builds the site from the fixtures, safely and repeatably."""

import io
import json
import shutil

import pytest

from django.core.management import CommandError, call_command

from wagtail.models import Page, Site

from articles.models import ArticlePage, ContactPage, SectionPage, SiteSettings
from tests.helpers import FIXTURES_DIR

pytestmark = pytest.mark.django_db


def load_content(*args):
    call_command("load_content", *args, stdout=io.StringIO())


@pytest.fixture
def fixture_copy(tmp_path):
    """A writable copy of the fixtures, to break on purpose."""
    target = tmp_path / "fixtures"
    shutil.copytree(FIXTURES_DIR, target)
    return target


def edit_fixture(root, name, change):
    path = root / "articles" / name
    data = json.loads(path.read_text())
    change(data)
    path.write_text(json.dumps(data))


def test_the_tree_has_a_home_two_sections_and_five_articles():
    assert SectionPage.objects.live().count() == 2
    assert ArticlePage.objects.live().count() == 5
    assert Site.objects.get(is_default_site=True).root_page.specific_class.__name__ == "HomePage"


def test_loading_twice_changes_nothing():
    before = (
        Page.objects.count(),
        ArticlePage.objects.values_list("latest_revision_id", flat=True),
    )
    before = (before[0], sorted(before[1]))
    load_content()
    after = (
        Page.objects.count(),
        sorted(ArticlePage.objects.values_list("latest_revision_id", flat=True)),
    )
    assert after == before


def test_the_default_site_answers_at_base_url(settings):
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("testserver", 80)
    assert site.site_name == "Mind–Body Library"


def test_an_editors_change_survives_a_reload():
    article = ArticlePage.objects.get(slug="anxiety-and-chronic-pain")
    article.title = "Edited by an editor"
    article.save_revision().publish()
    load_content()
    assert ArticlePage.objects.get(pk=article.pk).title == "Edited by an editor"


def test_force_overwrites_an_edit_with_a_new_revision():
    article = ArticlePage.objects.get(slug="anxiety-and-chronic-pain")
    article.title = "Edited by an editor"
    article.save_revision().publish()
    revisions = article.revisions.count()
    load_content("--force")
    article.refresh_from_db()
    assert article.title.startswith("Why Anxiety and Chronic Pain")
    assert article.revisions.count() == revisions + 1


def test_a_changed_fixture_updates_an_unedited_page(fixture_copy):
    edit_fixture(
        fixture_copy,
        "anxiety-and-chronic-pain.json",
        lambda data: data.update(standfirst="A new standfirst."),
    )
    load_content("--fixtures", str(fixture_copy))
    assert (
        ArticlePage.objects.get(slug="anxiety-and-chronic-pain").standfirst == "A new standfirst."
    )


def test_dry_run_reports_without_writing(fixture_copy):
    edit_fixture(
        fixture_copy,
        "anxiety-and-chronic-pain.json",
        lambda data: data.update(standfirst="A new standfirst."),
    )
    load_content("--fixtures", str(fixture_copy), "--dry-run")
    assert (
        ArticlePage.objects.get(slug="anxiety-and-chronic-pain").standfirst != "A new standfirst."
    )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda data: data.pop("title"), "anxiety-and-chronic-pain.json: title: missing"),
        (lambda data: data.update(title="  "), "anxiety-and-chronic-pain.json: title: missing"),
        (
            lambda data: data["body"].append({"type": "video", "value": "x"}),
            "anxiety-and-chronic-pain.json: body[",
        ),
        (lambda data: data.update(date="14 April"), "anxiety-and-chronic-pain.json: date: not"),
        (lambda data: data.update(section="nowhere"), "anxiety-and-chronic-pain.json: section"),
        (
            lambda data: data["related_pages"].append("nowhere"),
            "anxiety-and-chronic-pain.json: related_pages[2]: no other article with slug 'nowhere'",
        ),
        (
            lambda data: data["related_teasers"].append({"summary": "A story."}),
            "anxiety-and-chronic-pain.json: related_teasers[0].date: not an ISO date",
        ),
    ],
    ids=[
        "missing-title",
        "blank-title",
        "unknown-block",
        "bad-date",
        "unknown-section",
        "unknown-related-page",
        "undated-teaser",
    ],
)
def test_a_bad_fixture_names_file_and_field_and_loads_nothing(fixture_copy, change, message):
    ArticlePage.objects.get(slug="anxiety-and-chronic-pain").delete()
    count = Page.objects.count()
    edit_fixture(fixture_copy, "anxiety-and-chronic-pain.json", change)
    with pytest.raises(CommandError, match=message.replace("[", r"\[")):
        load_content("--fixtures", str(fixture_copy))
    assert Page.objects.count() == count


def test_an_unknown_block_type_is_named(fixture_copy):
    edit_fixture(
        fixture_copy,
        "anxiety-and-chronic-pain.json",
        lambda data: data["body"].insert(0, {"type": "video", "value": "x"}),
    )
    with pytest.raises(CommandError, match=r"body\[0\]\.type: unknown block type 'video'"):
        load_content("--fixtures", str(fixture_copy))


def test_invalid_json_is_named(fixture_copy):
    (fixture_copy / "articles" / "anxiety-and-chronic-pain.json").write_text("{not json")
    with pytest.raises(CommandError, match=r"anxiety-and-chronic-pain\.json: file: not valid JSON"):
        load_content("--fixtures", str(fixture_copy))


def test_a_contact_field_of_an_unknown_type_is_named(fixture_copy):
    path = fixture_copy / "site.json"
    site = json.loads(path.read_text())
    site["contact"]["fields"][1]["field_type"] = "video"
    path.write_text(json.dumps(site))
    with pytest.raises(CommandError, match=r"contact\.fields\[1\]\.field_type: not a form field"):
        load_content("--fixtures", str(fixture_copy))


def test_the_contact_page_is_loaded_with_its_form_and_linked_from_the_footer(home):
    contact = ContactPage.objects.child_of(home).get(slug="contact")
    labels = list(contact.form_fields.values_list("label", flat=True))
    assert labels == ["Your name", "Your e-mail address", "Your message"]
    assert SiteSettings.for_site(home.get_site()).contact_page == contact
