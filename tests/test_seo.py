"""What search engines and social sites read in each page's <head>."""

import io
import json
from datetime import date
from http import HTTPStatus
from urllib.parse import urlsplit

import pytest
from PIL import Image as PillowImage

from django.conf import settings
from django.template.loader import render_to_string

from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from articles.models import ArticlePage, HomePage, Person, SectionPage
from articles.seo import page_metadata, summarise
from tests.helpers import soup

pytestmark = pytest.mark.django_db
PAGES = {
    "home": lambda: HomePage.objects.get(),
    "section": lambda: SectionPage.objects.get(slug="chronic-pain"),
    "article": lambda: ArticlePage.objects.get(slug="anxiety-and-chronic-pain"),
    "article with works cited": lambda: ArticlePage.objects.get(
        slug="psychological-states-autoimmune-conditions"
    ),
}
OPEN_GRAPH = ["title", "description", "type", "url", "image", "image:width", "image:height"]
OPEN_GRAPH += ["image:alt", "site_name"]


def head_of(client, page):
    return soup(client.get(page.url)).find("head")


def meta_content(head, **attrs):
    return head.find("meta", attrs=attrs)["content"]


def json_ld(head):
    (script,) = head.find_all("script", type="application/ld+json")
    return {node["@type"]: node for node in json.loads(script.string)["@graph"]}


@pytest.fixture(params=PAGES)
def page(request, db):
    return PAGES[request.param]()


def test_every_page_has_one_h1_and_a_title_ending_in_the_site_name(client, page):
    html = soup(client.get(page.url))
    assert len(html.find_all("h1")) == 1
    assert html.title.string.endswith("Mind–Body Library")


def test_every_page_has_a_description_of_search_result_length(client, page):
    description = meta_content(head_of(client, page), name="description")
    assert 50 <= len(description) <= 160
    assert description == description.strip()


def test_every_page_names_its_full_url_as_canonical(client, page):
    head = head_of(client, page)
    assert head.find("link", rel="canonical")["href"] == page.full_url
    assert page.full_url.startswith("http://testserver/")


def test_every_page_has_every_open_graph_and_twitter_tag(client, page):
    head = head_of(client, page)
    for name in OPEN_GRAPH:
        assert meta_content(head, property=f"og:{name}").strip(), name
    for name in ["card", "title", "description", "image", "image:alt"]:
        assert meta_content(head, name=f"twitter:{name}").strip(), name
    assert meta_content(head, property="og:url") == page.full_url
    assert meta_content(head, property="og:image:width") == "1200"
    assert meta_content(head, property="og:image:height") == "630"


def test_every_open_graph_image_is_a_1200_by_630_picture(client, page):
    url = meta_content(head_of(client, page), property="og:image")
    assert url.startswith("http://testserver/")
    response = client.get(urlsplit(url).path)
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "image/png"
    assert PillowImage.open(io.BytesIO(response.content)).size == (1200, 630)


def test_every_page_has_a_website_and_an_organization_with_a_large_logo(client, page):
    nodes = json_ld(head_of(client, page))
    assert nodes["WebSite"]["name"] == "Mind–Body Library"
    assert nodes["WebSite"]["url"] == "http://testserver/"
    logo = nodes["Organization"]["logo"]
    assert logo["width"] >= 112 and logo["height"] >= 112
    assert PillowImage.open(settings.BASE_DIR / "static/img/logo.png").size == (512, 512)


def test_the_home_page_has_no_breadcrumbs_and_is_a_website(client, home):
    head = head_of(client, home)
    assert "BreadcrumbList" not in json_ld(head)
    assert meta_content(head, property="og:type") == "website"


@pytest.mark.parametrize("slug", ["chronic-pain", "anxiety-and-chronic-pain"])
def test_the_breadcrumb_list_matches_the_visible_breadcrumbs(client, slug):
    page = SectionPage.objects.filter(slug=slug).first() or ArticlePage.objects.get(slug=slug)
    html = soup(client.get(page.url))
    visible = [item.get_text(strip=True) for item in html.select(".breadcrumbs__item")]
    items = json_ld(html.find("head"))["BreadcrumbList"]["itemListElement"]
    assert [item["name"] for item in items] == visible
    assert visible[0] == "Mind–Body Library" and visible[-1] == page.title
    assert items[-1]["item"] == page.full_url
    assert [item["position"] for item in items] == list(range(1, len(items) + 1))


def test_an_article_is_a_medical_web_page_whose_main_entity_is_the_article(client):
    page = ArticlePage.objects.get(slug="neurotransmitter-imbalances-psychosomatic-disorders")
    nodes = json_ld(head_of(client, page))
    article, web_page = nodes["Article"], nodes["MedicalWebPage"]
    assert web_page["mainEntity"] == {"@id": article["@id"]}
    assert article["mainEntityOfPage"] == {"@id": web_page["@id"]}
    assert article["publisher"] == {"@id": nodes["Organization"]["@id"]}
    assert web_page["breadcrumb"] == {"@id": nodes["BreadcrumbList"]["@id"]}
    assert article["headline"] == page.title
    assert article["datePublished"] == "2025-07-19"
    assert article["dateModified"].startswith(page.last_published_at.date().isoformat())
    assert article["image"]["url"].startswith("http://testserver/cards/")


def test_an_article_names_its_author_as_a_person(client):
    page = ArticlePage.objects.get(slug="anxiety-and-chronic-pain")
    article = json_ld(head_of(client, page))["Article"]
    assert article["author"] == {"@type": "Person", "name": "Joana"}


def test_an_article_without_a_known_date_claims_no_publication_date(client):
    page = ArticlePage.objects.get(slug="anxiety-and-chronic-pain")
    head = head_of(client, page)
    assert "datePublished" not in json_ld(head)["Article"]
    assert head.find("meta", property="article:published_time") is None


def test_an_article_without_a_named_person_is_credited_to_the_publisher(client):
    page = ArticlePage.objects.get(slug="psychological-states-autoimmune-conditions")
    nodes = json_ld(head_of(client, page))
    assert page.author == "" and page.publisher == ""
    assert nodes["Article"]["author"] == {"@id": nodes["Organization"]["@id"]}


def test_an_article_cites_its_works_cited(client):
    page = ArticlePage.objects.get(slug="psychological-states-autoimmune-conditions")
    citations = json_ld(head_of(client, page))["Article"]["citation"]
    assert len(citations) == 10
    assert citations[0].startswith("Coan, James A., and John J.B. Allen.")


def test_review_facts_join_the_graph_once_an_article_records_them(client):
    page = ArticlePage.objects.get(slug="anxiety-and-chronic-pain")
    page.reviewer = Person.objects.create(name="Dr Ada Example", credentials="MBBS")
    page.last_reviewed = date(2026, 1, 5)
    page.save_revision().publish()
    web_page = json_ld(head_of(client, page))["MedicalWebPage"]
    assert web_page["lastReviewed"] == "2026-01-05"
    assert web_page["reviewedBy"] == {"@type": "Person", "name": "Dr Ada Example, MBBS"}


def test_json_ld_cannot_close_its_script_element(rf):
    page = ArticlePage.objects.get(slug="anxiety-and-chronic-pain")
    page.title = "</script><script>alert(1)</script>"
    meta = page_metadata(page, rf.get(page.url))
    assert "</script" not in meta.json_ld
    assert {"headline": page.title}.items() <= json.loads(meta.json_ld)["@graph"][-1].items()


def test_the_editors_title_and_description_win(client):
    page = ArticlePage.objects.get(slug="anxiety-and-chronic-pain")
    page.seo_title = "Anxiety and chronic pain"
    page.search_description = "Why anxiety and long-lasting pain feed each other, and what helps."
    page.save_revision().publish()
    head = head_of(client, page)
    assert head.title.string == "Anxiety and chronic pain | Mind–Body Library"
    assert meta_content(head, name="description") == page.search_description
    assert meta_content(head, property="og:title") == "Anxiety and chronic pain"


def test_an_editor_chosen_social_image_replaces_the_card(client):
    page = ArticlePage.objects.get(slug="anxiety-and-chronic-pain")
    page.social_image = Image.objects.create(
        title="A calm lake", description="A calm lake at dawn", file=get_test_image_file()
    )
    page.save_revision().publish()
    head = head_of(client, page)
    assert "/media/images/" in meta_content(head, property="og:image")
    assert meta_content(head, property="og:image:alt") == "A calm lake at dawn"
    assert meta_content(head, property="og:image:width") == "640"


def test_hiding_a_page_from_search_engines_asks_them_not_to_index_it(client):
    page = ArticlePage.objects.get(slug="anxiety-and-chronic-pain")
    assert head_of(client, page).find("meta", attrs={"name": "robots"}) is None
    page.hide_from_search_engines = True
    page.save_revision().publish()
    assert meta_content(head_of(client, page), name="robots") == "noindex"


def test_a_view_can_mark_its_page_noindex(rf):
    html = render_to_string("base.html", {"robots": "noindex"}, request=rf.get("/"))
    assert '<meta name="robots" content="noindex">' in html


def test_pages_announce_their_feeds(client):
    page = ArticlePage.objects.get(slug="anxiety-and-chronic-pain")
    links = head_of(client, page).find_all("link", rel="alternate")
    assert [link["href"] for link in links] == [
        "http://testserver/feeds/rss.xml",
        "http://testserver/feeds/atom.xml",
        "http://testserver/feeds/sections/chronic-pain/rss.xml",
        "http://testserver/feeds/sections/chronic-pain/atom.xml",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Short and sweet.", "Short and sweet."),
        (
            "One sentence that is long enough to stand alone as a summary. " + "x " * 80,
            "One sentence that is long enough to stand alone as a summary.",
        ),
        ("word " * 50, ("word " * 31).strip() + "…"),
    ],
)
def test_descriptions_are_cut_cleanly(text, expected):
    summary = summarise(text)
    assert summary == expected
    assert len(summary) <= 160
