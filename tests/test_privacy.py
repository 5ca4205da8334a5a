"""Private by default: no page asks the reader's browser to fetch anything from another origin,
and the privacy notice says what the site keeps of what readers send."""

import re
from pathlib import Path

import pytest

from django.contrib.staticfiles import finders
from django.urls import reverse

from articles.models import ArticlePage, SiteSettings
from tests.helpers import soup

pytestmark = pytest.mark.django_db
FETCHING_LINKS = {"stylesheet", "preload", "modulepreload", "icon", "manifest", "prefetch"}
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)")


def is_external(url):
    return bool(re.match(r"^([a-z][a-z0-9+.-]*:)?//", url.strip(), re.IGNORECASE))


def fetched_urls(html):
    """Every address the browser would fetch on its own while showing the page."""
    for element in html.find_all(src=True):
        yield element["src"]
    for element in html.find_all(srcset=True):
        yield from (candidate.split()[0] for candidate in element["srcset"].split(","))
    for link in html.find_all("link", href=True):
        if FETCHING_LINKS & set(link.get("rel", [])):
            yield link["href"]
    for element in html.find_all(style=True):
        yield from CSS_URL.findall(element["style"])
    for style in html.find_all("style"):
        yield from CSS_URL.findall(style.get_text())


def test_every_page_type_fetches_only_from_its_own_origin(client, home, illustrated):
    urls = [
        home.url,
        "/chronic-pain/",
        illustrated.url,
        ArticlePage.objects.get(slug="treatment-of-psychogenic-pain").url,
        "/topics/stress/",
        "/search/?q=pain",
        "/search/",
        "/no-such-page/",
        "/contact/",
        "/newsletter/",
        "/privacy/",
    ]
    fetched = [url for page in urls for url in fetched_urls(soup(client.get(page)))]
    assert any(".avif" in url for url in fetched)
    assert [url for url in fetched if is_external(url)] == []


def test_the_stylesheet_fetches_nothing_from_elsewhere():
    css = Path(finders.find("css/site.css")).read_text()
    assert "@import" not in css
    assert [url for url in CSS_URL.findall(css) if is_external(url)] == []


def test_the_external_check_catches_other_origins():
    assert is_external("https://fonts.googleapis.com/css")
    assert is_external("//cdn.example.org/x.js")
    assert not is_external("/static/css/site.css")
    assert not is_external("data:,")


def test_the_privacy_notice_says_what_is_kept_and_how_to_have_it_deleted(client):
    text = soup(client.get(reverse("privacy"))).find("main").get_text()
    for kept in ("Comments", "Messages", "Newsletter", "delete"):
        assert kept in text


def test_the_privacy_notice_shows_what_editors_wrote(client, home):
    SiteSettings.objects.filter(site=home.get_site()).update(
        privacy_notice="<p>Kept for 30 days.</p>"
    )
    html = soup(client.get(reverse("privacy")))
    assert html.find("h1").get_text() == "Privacy notice"
    assert "Kept for 30 days." in html.find("main").get_text()


def test_every_page_links_to_the_privacy_notice_from_its_footer(client, home):
    footer = soup(client.get(home.url)).find("footer")
    assert footer.find("a", string="Privacy notice")["href"] == reverse("privacy")
