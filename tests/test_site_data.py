"""The site data every page reads (site, home page, sections, view restrictions, settings) is
kept between anonymous reads, and a change to any of it shows on the next request."""

import pytest

from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Site

from articles import site_data
from articles.models import HomePage, SectionPage, SiteSettings
from tests.helpers import soup

pytestmark = pytest.mark.django_db
ARTICLE = "/chronic-pain/anxiety-and-chronic-pain/"
OTHER_ARTICLE = "/mind-body-science/neurotransmitter-imbalances-psychosomatic-disorders/"


@pytest.fixture(autouse=True)
def site_data_kept(settings):
    settings.KEEP_SITE_DATA = True


def queries_to_read(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def section_names(client):
    return [link.get_text(strip=True) for link in soup(client.get("/")).select("header nav a")]


def queries_from_the_database(client, settings, url):
    """Queries to read `url` with the site data read afresh (after a first read has cached what
    Wagtail caches itself)."""
    settings.KEEP_SITE_DATA = False
    client.get(url)
    count = queries_to_read(client, url)
    settings.KEEP_SITE_DATA = True
    return count


def test_an_article_after_any_other_page_skips_the_five_site_queries(client, settings):
    fresh = queries_from_the_database(client, settings, OTHER_ARTICLE)
    client.get(ARTICLE)
    assert queries_to_read(client, OTHER_ARTICLE) == fresh - 5


def test_a_signed_in_editor_reads_the_site_from_the_database(admin_client, settings):
    fresh = queries_from_the_database(admin_client, settings, ARTICLE)
    assert queries_to_read(admin_client, ARTICLE) == fresh


def test_a_published_section_is_in_the_header_at_once(client, django_capture_on_commit_callbacks):
    assert "Sleep" not in section_names(client)
    home = HomePage.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        section = home.add_child(instance=SectionPage(title="Sleep", slug="sleep", live=False))
        section.save_revision().publish()
    assert "Sleep" in section_names(client)
    assert client.get("/sleep/").status_code == 200


def test_renaming_the_wagtail_site_shows_at_once(client, django_capture_on_commit_callbacks):
    SiteSettings.objects.update(site_name="")
    client.get("/")
    site = Site.objects.get(is_default_site=True)
    site.site_name = "The Renamed Library"
    with django_capture_on_commit_callbacks(execute=True):
        site.save()
    assert "The Renamed Library" in client.get(ARTICLE).content.decode()


def test_data_read_while_the_site_changed_is_not_kept(client, settings, monkeypatch):
    fresh = queries_from_the_database(client, settings, ARTICLE)
    read = site_data._read

    def read_then_change(request):
        data = read(request)
        site_data.forget_site_data()  # an editor's change lands while the page renders
        return data

    monkeypatch.setattr(site_data, "_read", read_then_change)
    client.get(ARTICLE)
    monkeypatch.setattr(site_data, "_read", read)
    assert queries_to_read(client, ARTICLE) == fresh
    assert queries_to_read(client, ARTICLE) == fresh - 5


@pytest.mark.parametrize("url", ["/", "/chronic-pain/", ARTICLE, "/search/?q=pain"])
def test_links_are_made_from_the_kept_root_paths(client, monkeypatch, url):
    """Each link used to look Wagtail's site root paths up in the cache: a Redis trip per link."""
    client.get(url)
    keys = []
    real_get = caches["default"].get
    monkeypatch.setattr(
        caches["default"], "get", lambda key, *a, **k: keys.append(key) or real_get(key, *a, **k)
    )
    assert client.get(url).status_code == 200
    assert "wagtail_site_root_paths" not in keys
