"""RSS and Atom feeds for the site, each section and each topic."""

from http import HTTPStatus
from xml.etree import ElementTree

import pytest

pytestmark = pytest.mark.django_db
ATOM = {"atom": "http://www.w3.org/2005/Atom"}
RSS_FEEDS = [
    "/feeds/rss.xml",
    "/feeds/sections/chronic-pain/rss.xml",
    "/feeds/topics/stress/rss.xml",
]


def parse(client, path):
    response = client.get(path)
    assert response.status_code == HTTPStatus.OK
    return response, ElementTree.fromstring(response.content)


@pytest.mark.parametrize("path", RSS_FEEDS)
def test_rss_feeds_have_the_required_elements(client, path):
    response, rss = parse(client, path)
    assert response["Content-Type"].startswith("application/rss+xml")
    assert rss.tag == "rss" and rss.get("version") == "2.0"
    channel = rss.find("channel")
    for name in ("title", "link", "description"):
        assert channel.findtext(name).strip(), name
    items = channel.findall("item")
    assert items
    for item in items:
        for name in ("title", "link", "description", "guid", "pubDate", "category"):
            assert item.findtext(name).strip(), name


@pytest.mark.parametrize("path", [feed.replace("rss.xml", "atom.xml") for feed in RSS_FEEDS])
def test_atom_feeds_have_the_required_elements(client, path):
    response, feed = parse(client, path)
    assert response["Content-Type"].startswith("application/atom+xml")
    assert feed.tag == "{http://www.w3.org/2005/Atom}feed"
    for name in ("atom:id", "atom:title", "atom:updated"):
        assert feed.findtext(name, namespaces=ATOM).strip(), name
    entries = feed.findall("atom:entry", ATOM)
    assert entries
    for entry in entries:
        for name in ("atom:id", "atom:title", "atom:updated", "atom:summary"):
            assert entry.findtext(name, namespaces=ATOM).strip(), name
        assert entry.find("atom:link", ATOM).get("href").startswith("http://testserver/")
        assert entry.find("atom:category", ATOM).get("term")


def test_the_site_feed_lists_every_article_newest_first(client):
    _, rss = parse(client, "/feeds/rss.xml")
    titles = [item.findtext("title") for item in rss.iter("item")]
    assert len(titles) == 5
    assert titles[0].startswith("How chronic low back pain")


def test_a_section_feed_lists_only_its_articles(client):
    _, rss = parse(client, "/feeds/sections/mind-body-science/rss.xml")
    links = [item.findtext("link") for item in rss.iter("item")]
    assert len(links) == 2
    assert all(link.startswith("http://testserver/mind-body-science/") for link in links)


def test_a_topic_feed_links_to_the_topic_page(client):
    _, rss = parse(client, "/feeds/topics/anxiety/rss.xml")
    assert rss.find("channel").findtext("link") == "http://testserver/topics/anxiety/"
    for item in rss.iter("item"):
        assert "anxiety" in [category.text for category in item.findall("category")]


def test_an_article_feed_entry_names_its_author(client):
    _, feed = parse(client, "/feeds/atom.xml")
    authors = [entry.findtext("atom:author/atom:name", namespaces=ATOM) for entry in feed]
    assert "Joana" in authors


@pytest.mark.parametrize(
    "path", ["/feeds/sections/no-such-section/rss.xml", "/feeds/topics/no-such-topic/atom.xml"]
)
def test_a_feed_for_something_missing_is_a_404(client, path):
    assert client.get(path).status_code == HTTPStatus.NOT_FOUND


def test_a_feed_takes_the_same_few_queries_however_many_articles_it_lists(
    client, django_assert_max_num_queries
):
    client.get("/feeds/rss.xml")
    with django_assert_max_num_queries(5):
        client.get("/feeds/rss.xml")
    with django_assert_max_num_queries(6):
        client.get("/feeds/topics/anxiety/atom.xml")
