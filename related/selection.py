"""Which related links an article shows: its curated list, topped up with related articles.

The number of queries is the same however many links an article has: the links come in one query
with their targets, the site's private sections in one, and the fallback articles in one (two
when the site has too few related articles). The cost of the fallback is bounded too: it ranks
only the newest related articles, so an article renders as fast among 60,000 articles as among 60.
"""

from dataclasses import dataclass
from datetime import date

from articles import listing_sql
from articles.navigation import ARTICLE_LINK_FIELDS, PAGE_LINK_FIELDS
from articles.visibility import is_visible, private_paths

MINIMUM_ARTICLES = 3
# An article short of related ones is topped up from this many of the newest: it may be among them.
NEWEST_REACH = MINIMUM_ARTICLES + 1


@dataclass(frozen=True)
class RelatedItem:
    """One entry of the related list as a reader sees it; without a URL it is plain text."""

    kind: str
    title: str
    summary: str
    date: date | None
    url: str | None = None


def related_items(article, request=None):
    """The article's curated links in editor order, then its most related live articles."""
    private = private_paths(request)
    items, page_ids = [], set()
    for link in _curated_links(article):
        item, target = _curated_item(link, article, private, request)
        if item is not None and item not in items:
            items.append(item)
            page_ids.add(target)
    page_ids.discard(None)
    missing = MINIMUM_ARTICLES - len(page_ids)
    if missing > 0:
        fallback = _fallback(article, page_ids, missing, private, request)
        items += [_article_item(page, request) for page in fallback]
    return items


def _curated_links(article):
    return article.related_links.select_related("page", "teaser__target_page").only(
        "sort_order",
        "article",
        *(f"page__{name}" for name in ARTICLE_LINK_FIELDS),
        *(f"teaser__{name}" for name in ("title", "summary", "date", "target_url")),
        *(f"teaser__target_page__{name}" for name in PAGE_LINK_FIELDS),
    )


def _curated_item(link, article, private, request):
    """The item for `link` and the id of the live page it links to (None if it links to none)."""
    if link.teaser is not None:
        target = link.teaser.target_page
        if is_visible(target, private):
            return _teaser_item(link.teaser, target.get_url(request)), target.pk
        return _teaser_item(link.teaser, link.teaser.target_url or None), None
    if is_visible(link.page, private) and link.page_id != article.pk:
        return _article_item(link.page, request), link.page_id
    return None, None


def _article_item(page, request):
    return RelatedItem("article", page.title, page.standfirst, page.date, page.get_url(request))


def _teaser_item(teaser, url):
    return RelatedItem("teaser", teaser.title, teaser.summary, teaser.date, url)


def _fallback(article, exclude_ids, count, private, request):
    """The `count` live articles sharing most of the article's section and tags, newest first,
    with the newest of all as a last resort for an article that has too few related ones."""
    tags = [tag.pk for tag in article.tag_list]
    chosen = listing_sql.most_related(article, tags, exclude_ids, count, private)
    if len(chosen) < count:
        taken = {article.pk, *exclude_ids, *(page.pk for page in chosen)}
        newest = type(article).objects.listing(request).links()[:NEWEST_REACH]
        chosen += [page for page in newest if page.pk not in taken][: count - len(chosen)]
    return chosen


def is_among_the_newest(article):
    """Whether a list topped up with the newest may show `article` (live or not any more)."""
    if article.first_published_at is None:
        return False
    return listing_sql.listed_before(article, private_paths(), NEWEST_REACH) < NEWEST_REACH


def topped_up_with_the_newest():
    """Ids of the articles whose list may be topped up with the newest. An article with
    MINIMUM_ARTICLES visible others in its section always finds enough related ones there."""
    return listing_sql.in_small_sections(MINIMUM_ARTICLES, private_paths())
