"""Which related links an article shows: its curated list, topped up with related articles.

The number of queries is the same however many links an article has: the links come in one query
with their targets, the site's private sections in one, and the fallback articles in two.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Case, Count, F, Q, Value, When

from wagtail.models import PageViewRestriction

MINIMUM_ARTICLES = 3


@dataclass(frozen=True)
class RelatedItem:
    """One entry of the related list as a reader sees it; without a URL it is plain text."""

    kind: str
    title: str
    summary: str
    date: date | None
    url: str | None = None


def related_items(article, request=None, minimum=MINIMUM_ARTICLES):
    """The article's curated links in editor order, then its most related live articles."""
    private = tuple(PageViewRestriction.objects.values_list("page__path", flat=True))
    items, page_ids = [], set()
    for link in _curated_links(article):
        item, target = _curated_item(link, article, private, request)
        if item is not None and item not in items:
            items.append(item)
            page_ids.add(target)
    page_ids.discard(None)
    missing = minimum - len(page_ids)
    if missing > 0:
        items += [_article_item(page, request) for page in _fallback(article, page_ids, missing)]
    return items


def _curated_links(article):
    return article.related_links.select_related("page", "teaser__target_page").defer("page__body")


def _curated_item(link, article, private, request):
    """The item for `link` and the id of the live page it links to (None if it links to none)."""
    if link.teaser is not None:
        target = link.teaser.target_page
        if _is_visible(target, private):
            return _teaser_item(link.teaser, target.get_url(request)), target.pk
        return _teaser_item(link.teaser, link.teaser.target_url or None), None
    if _is_visible(link.page, private) and link.page_id != article.pk:
        return _article_item(link.page, request), link.page_id
    return None, None


def _is_visible(page, private):
    """Whether `page` is live and outside the private sections (tree paths) `private`."""
    return page is not None and page.live and not page.path.startswith(private)


def _article_item(page, request):
    return RelatedItem("article", page.title, page.standfirst, page.date, page.get_url(request))


def _teaser_item(teaser, url):
    return RelatedItem("teaser", teaser.title, teaser.summary, teaser.date, url)


def _fallback(article, exclude_ids, count):
    """The `count` live articles sharing most of the article's section and tags, newest first."""
    same_section = Q(path__startswith=article.path[: -article.steplen], depth=article.depth)
    relevance = Count("tagged_items", filter=Q(tagged_items__tag__in=article.tags.all()))
    relevance += Case(When(same_section, then=Value(1)), default=Value(0))
    return (
        type(article)
        .objects.listing()
        .exclude(pk__in=[article.pk, *exclude_ids])
        .annotate(relevance=relevance)
        .order_by("-relevance", F("date").desc(nulls_last=True), "-first_published_at", "pk")[
            :count
        ]
    )
