"""What crawlers fetch first: robots.txt and the sitemap."""

from http import HTTPStatus
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest

from django.utils.timezone import localdate

from wagtail.models import Page, PageViewRestriction

from articles.models import ArticlePage, SectionPage
from articles.views import PageSitemap

pytestmark = pytest.mark.django_db
NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap_urls(client, path="/sitemap.xml"):
    response = client.get(path)
    assert response.status_code == HTTPStatus.OK
    root = ElementTree.fromstring(response.content)
    return [url.findtext("sm:loc", namespaces=NS) for url in root.findall("sm:url", NS)]


def add_article(slug, **fields):
    section = SectionPage.objects.get(slug="chronic-pain")
    article = ArticlePage(title=slug.replace("-", " ").title(), slug=slug, standfirst="A test.")
    for name, value in fields.items():
        setattr(article, name, value)
    section.add_child(instance=article)
    return article


def test_the_sitemap_lists_every_live_public_page_with_its_last_change(client, home):
    root = ElementTree.fromstring(client.get("/sitemap.xml").content)
    urls = root.findall("sm:url", NS)
    assert len(urls) == 9
    assert urls[0].findtext("sm:loc", namespaces=NS) == "http://testserver/"
    assert all(len(url.findtext("sm:lastmod", namespaces=NS)) == 10 for url in urls)
    home_changed = localdate(home.last_published_at).isoformat()
    assert urls[0].findtext("sm:lastmod", namespaces=NS) == home_changed


def test_the_contact_page_is_in_the_sitemap_and_the_newsletter_pages_are_not(client, home):
    paths = [urlsplit(url).path for url in sitemap_urls(client)]
    assert "/contact/" in paths
    assert not [path for path in paths if path.startswith("/newsletter/")]


def test_every_url_in_the_sitemap_answers(client, home):
    for url in sitemap_urls(client):
        assert client.get(urlsplit(url).path).status_code == HTTPStatus.OK, url


def test_drafts_private_and_hidden_pages_are_left_out_of_the_sitemap(client, home):
    draft = add_article("a-draft", live=False)
    private = add_article("a-private-page")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    hidden = add_article("a-hidden-page", hide_from_search_engines=True)
    shown = add_article("a-shown-page")
    urls = sitemap_urls(client)
    assert shown.full_url in urls
    for page in (draft, private, hidden):
        assert page.full_url not in urls
    assert len(urls) == 10


def test_a_large_sitemap_becomes_an_index_of_sitemaps(client, home, monkeypatch):
    monkeypatch.setattr(PageSitemap, "limit", 3)
    root = ElementTree.fromstring(client.get("/sitemap.xml").content)
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    parts = [loc.text for loc in root.iterfind("sm:sitemap/sm:loc", NS)]
    first = "http://testserver/sitemap-pages.xml"
    assert parts == [first, f"{first}?p=2", f"{first}?p=3"]
    newest = max(
        Page.objects.live()
        .exclude(last_published_at=None)
        .values_list("last_published_at", flat=True)
    )
    assert root.findtext("sm:sitemap/sm:lastmod", namespaces=NS) == newest.isoformat()
    listed = []
    for part in parts:
        listed += sitemap_urls(client, part.removeprefix("http://testserver"))
    assert len(listed) == 9


def test_an_unknown_sitemap_is_a_404(client, home):
    assert client.get("/sitemap-nothing.xml").status_code == HTTPStatus.NOT_FOUND


def test_robots_txt_allows_the_site_but_not_the_admin_search_or_comment_forms(client, home):
    response = client.get("/robots.txt")
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    expected = {"Allow: /", "Disallow: /admin/", "Disallow: /search/", "Disallow: /comments/"}
    assert expected <= set(lines)
    assert "Sitemap: http://testserver/sitemap.xml" in lines
