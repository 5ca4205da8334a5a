"""What helps a reader read and keep an article: dates, sharing, printing and images."""

from datetime import timedelta
from urllib.parse import quote

import pytest

from django.core.exceptions import ValidationError

from articles.blocks import ImageBlock
from articles.models import ArticlePage
from tests.helpers import soup

pytestmark = pytest.mark.django_db
DATED = "neurotransmitter-imbalances-psychosomatic-disorders"


def article_html(client, slug=DATED):
    return soup(client.get(ArticlePage.objects.get(slug=slug).url))


def meta_lines(html):
    return [item.get_text(" ", strip=True) for item in html.select(".article__meta li")]


def test_an_article_loaded_once_shows_no_updated_date(client):
    assert not any(line.startswith("Updated") for line in meta_lines(article_html(client)))


def test_an_article_republished_on_a_later_day_shows_when(client):
    article = ArticlePage.objects.get(slug=DATED)
    ArticlePage.objects.filter(pk=article.pk).update(
        last_published_at=article.first_published_at + timedelta(days=40)
    )
    html = article_html(client)
    updated = (article.first_published_at + timedelta(days=40)).date()
    assert "Published July 19, 2025" in meta_lines(html)
    assert html.select(".article__meta time")[1]["datetime"] == updated.isoformat()


def test_share_links_are_plain_links_with_the_article_address(client):
    article = ArticlePage.objects.get(slug=DATED)
    html = article_html(client)
    links = {link.get_text(): link["href"] for link in html.select(".share__link")}
    assert list(links) == [
        "Share on Facebook",
        "Share on X",
        "Share on Reddit",
        "Share by e-mail",
    ]
    assert all(quote(article.full_url, safe="") in href for href in links.values())
    assert html.select_one("[data-copy-link]").has_attr("hidden")


def test_a_printed_article_carries_its_address(client):
    article = ArticlePage.objects.get(slug=DATED)
    source = article_html(client).select_one(".article__print-source").get_text()
    assert source == f"Printed from {article.full_url}"


def test_the_stylesheet_has_print_rules(settings):
    css = (settings.BASE_DIR / "static/css/site.css").read_text()
    assert "@media print" in css
    assert ".article__print-source {\n    display: block;" in css


def test_images_offer_avif_and_webp_with_sizes(client, illustrated):
    picture = soup(client.get(illustrated.url)).select_one("main picture")
    types = [source["type"] for source in picture.find_all("source")]
    assert types == ["image/avif", "image/webp"]
    assert "800w" in picture.source["srcset"]
    assert picture.source["sizes"]
    img = picture.img
    assert int(img["width"]) * 9 == int(img["height"]) * 16


def test_the_lead_image_loads_first_and_the_others_lazily(client, illustrated):
    lead, later = soup(client.get(illustrated.url)).select("main picture img")
    assert lead["fetchpriority"] == "high"
    assert not lead.has_attr("loading")
    assert later["loading"] == "lazy"


def test_alt_text_is_given_or_the_image_is_marked_decorative(client, illustrated):
    lead, later = soup(client.get(illustrated.url)).select("main picture img")
    assert lead["alt"] == "A woman walking"
    assert later["alt"] == ""


def test_an_image_needs_alt_text_unless_decorative(illustrated):
    block, image = ImageBlock(), illustrated.body[0].value["image"]
    with pytest.raises(ValidationError) as error:
        block.clean(block.to_python({"image": image.pk, "alt": " ", "decorative": False}))
    assert list(error.value.block_errors) == ["alt"]
    assert block.clean(block.to_python({"image": image.pk, "alt": "", "decorative": True}))
