"""Each page's metadata, computed once: the <head>, the JSON-LD graph and the feeds read it."""

import html
from dataclasses import dataclass, field
from datetime import date, datetime

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import strip_tags

from wagtail.models import Site

from articles import structured_data
from articles.cards import CARD_HEIGHT, CARD_WIDTH, Card
from articles.models import ArticlePage

DESCRIPTION_LIMIT = 160
DESCRIPTION_MINIMUM = 50
LOGO = ("img/logo.png", 512, 512)


@dataclass
class Image:
    """An absolute image URL with the facts Open Graph and JSON-LD ask for."""

    url: str
    width: int
    height: int
    alt: str
    mime_type: str = "image/png"


@dataclass
class Link:
    """A titled absolute URL: a breadcrumb, or a feed announced with rel=alternate."""

    title: str
    url: str
    mime_type: str = ""


@dataclass
class PageMetadata:
    """What search engines, social sites and feed readers are told about one page."""

    title: str
    document_title: str
    description: str
    canonical_url: str
    site_name: str
    site_url: str
    logo: Image
    image: Image
    card: Card
    og_type: str = "website"
    noindex: bool = False
    breadcrumbs: list = field(default_factory=list)
    feeds: list = field(default_factory=list)
    section: str = ""
    tags: list = field(default_factory=list)
    author: str = ""
    publisher: str = ""
    published: date | None = None
    modified: datetime | None = None
    citations: list = field(default_factory=list)
    last_reviewed: date | None = None
    reviewed_by: str = ""
    json_ld: str = ""


def page_metadata(page, request):
    """The metadata of `page` as served for `request`, with its JSON-LD graph."""
    site = Site.find_for_request(request) or page.get_site()
    site_name = site.site_name or settings.WAGTAIL_SITE_NAME
    title = page.seo_title or page.title
    ancestors = _trail(page, site.root_page.depth)
    section = ancestors[1] if len(ancestors) > 1 else None
    card = Card(page.title, section.title if isinstance(page, ArticlePage) else "", site_name)
    meta = PageMetadata(
        title=title,
        document_title=title if title == site_name else f"{title} | {site_name}",
        description=summarise(page.search_description or _summary(page)),
        canonical_url=page.get_full_url(request),
        site_name=site_name,
        site_url=site.root_url + "/",
        logo=Image(site.root_url + static(LOGO[0]), LOGO[1], LOGO[2], site_name),
        image=_card_image(page, card, site.root_url),
        card=card,
        noindex=page.hide_from_search_engines,
        breadcrumbs=[Link(a.title, a.get_url(request)) for a in ancestors] if section else [],
        feeds=feed_links(section, site.root_url, site_name),
    )
    if isinstance(page, ArticlePage):
        _add_article_facts(meta, page, section)
    meta.json_ld = structured_data.serialise(structured_data.graph(meta))
    return meta


def _summary(page):
    if isinstance(page, ArticlePage):
        return page.standfirst
    return html.unescape(strip_tags(page.introduction))


def summarise(text, limit=DESCRIPTION_LIMIT):
    """`text` on one line in at most `limit` characters: whole sentences, else cut at a word."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    head = text[: limit + 1]
    sentence_end = max(head.rfind(f"{mark} ") for mark in ".?!")
    if sentence_end >= DESCRIPTION_MINIMUM:
        return head[: sentence_end + 1]
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:–—-.")
    return f"{cut}…"


def feed_links(section, root_url, site_name):
    """The feeds a page announces: the whole site's, and its section's when it has one."""
    links = _feed_pair(site_name, "feed", {}, root_url)
    if section is not None:
        links += _feed_pair(section.title, "section_feed", {"slug": section.slug}, root_url)
    return links


def _feed_pair(title, name, kwargs, root_url):
    return [
        Link(
            f"{title} (RSS)",
            root_url + reverse(f"{name}_rss", kwargs=kwargs),
            "application/rss+xml",
        ),
        Link(
            f"{title} (Atom)",
            root_url + reverse(f"{name}_atom", kwargs=kwargs),
            "application/atom+xml",
        ),
    ]


def _card_image(page, card, root_url):
    """The editor's chosen social image, cropped to the card's size, else the generated card."""
    social_image = getattr(page, "social_image", None)
    if social_image is not None:
        rendition = social_image.get_rendition(f"fill-{CARD_WIDTH}x{CARD_HEIGHT}|format-jpeg")
        return Image(
            root_url + rendition.url, rendition.width, rendition.height, rendition.alt, "image/jpeg"
        )
    url = root_url + reverse("social_card", kwargs={"page_id": page.pk, "digest": card.digest})
    return Image(url, CARD_WIDTH, CARD_HEIGHT, f"{card.title} – {card.site_name}")


def _trail(page, root_depth):
    """The page and its ancestors from the site's root down; routing has already fetched them."""
    trail = [page]
    while trail[0].depth > root_depth:
        trail.insert(0, trail[0].get_parent())
    return trail


def _add_article_facts(meta, page, section):
    meta.og_type = "article"
    meta.section = section.title
    meta.tags = [tag.name for tag in page.tag_list]
    meta.author = page.author
    meta.publisher = page.publisher
    meta.published = page.date
    meta.modified = page.last_published_at
    meta.citations = [
        reference.citation()
        for block in page.body
        if block.block_type == "references"
        for reference in block.value["items"]
    ]
    _add_review_facts(meta, page)


def _add_review_facts(meta, page):
    """When and by whom the article was last reviewed, for articles that record it."""
    meta.last_reviewed = getattr(page, "last_reviewed", None)
    meta.reviewed_by = str(page.reviewer) if getattr(page, "reviewer_id", None) else ""
