"""Hand-written SQL for the two lookups every article render makes: the articles just before and
after it in its section, and the related articles that top up its curated list; and for the two
questions the page cache asks of the last resort of that list, the newest articles.

Built with the ORM, these two cost about 6 ms of Python per render, four times what the database
takes to answer them. Here each is one query that costs a fraction of that. They see what
`ArticlePage.objects.listing()` sees (live articles outside the private sections, newest date
first, undated last, then by first publication and id) and return articles with the fields a link
shows. tests/test_navigation.py and tests/test_related.py check them against that listing.
"""

from django.db import connection

from wagtail.models import Page

LINK_COLUMNS = """
    p.id, a.page_ptr_id, p.title, p.url_path, p.path, p.depth, p.live, a.standfirst, a.date,
    p.first_published_at"""
ARTICLES = "articles_articlepage a JOIN wagtailcore_page p ON p.id = a.page_ptr_id"
LISTING_ORDER = "a.date DESC NULLS LAST, p.first_published_at DESC, a.page_ptr_id"
REVERSE_ORDER = "a.date ASC NULLS FIRST, p.first_published_at ASC, a.page_ptr_id DESC"
# A later publication, or the same one and a smaller id: listed earlier among equal dates.
EARLIER_TIE = "(p.first_published_at > %s OR (p.first_published_at = %s AND a.page_ptr_id < %s))"
LATER_TIE = "(p.first_published_at < %s OR (p.first_published_at = %s AND a.page_ptr_id > %s))"
POOL_SIZE = 50


def neighbours(article, private):
    """The articles listed just before and after `article` among its siblings (None at an end);
    `private` holds the tree paths of the private sections."""
    visible, visible_params = _visible(private)
    siblings = f"{visible} AND p.depth = %s AND p.path LIKE %s AND a.page_ptr_id <> %s"
    siblings_params = [*visible_params, article.depth, _parent_path(article) + "%", article.pk]
    earlier, later, order_params = _around(article)
    sql = f"""
        SELECT * FROM (
            SELECT {LINK_COLUMNS}, 'previous' AS side FROM {ARTICLES}
            WHERE {siblings} AND {earlier} ORDER BY {REVERSE_ORDER} LIMIT 1
        ) before_it
        UNION ALL
        SELECT * FROM (
            SELECT {LINK_COLUMNS}, 'next' AS side FROM {ARTICLES}
            WHERE {siblings} AND {later} ORDER BY {LISTING_ORDER} LIMIT 1
        ) after_it"""
    params = [*siblings_params, *order_params, *siblings_params, *order_params]
    found = {page.side: page for page in type(article).objects.raw(sql, params)}
    return found.get("previous"), found.get("next")


def most_related(article, tag_ids, exclude_ids, count, private):
    """Up to `count` articles sharing most of `article`'s section and tags (`tag_ids`), newest
    first among equals, leaving out `article` and `exclude_ids`.

    Only the POOL_SIZE newest articles sharing its section or a tag are ranked, found by walking
    the date index rather than by scoring the whole site.
    """
    visible, visible_params = _visible(private)
    excluded = [article.pk, *exclude_ids]
    tagged = (
        "articles_articlepagetag t WHERE t.content_object_id = a.page_ptr_id"
        f" AND t.tag_id IN ({_marks(tag_ids) or 'NULL'})"
    )
    same_section = "(p.depth = %s AND p.path LIKE %s)"
    section_params = [article.depth, _parent_path(article) + "%"]
    relevance = f"(SELECT COUNT(*) FROM {tagged}) + CASE WHEN {same_section} THEN 1 ELSE 0 END"
    sql = f"""
        SELECT * FROM (
            SELECT {LINK_COLUMNS}, {relevance} AS relevance
            FROM {ARTICLES}
            WHERE {visible} AND a.page_ptr_id NOT IN ({_marks(excluded)})
                AND ({same_section} OR EXISTS (SELECT 1 FROM {tagged}))
            ORDER BY {LISTING_ORDER} LIMIT {POOL_SIZE}
        ) pool
        ORDER BY pool.relevance DESC, pool.date DESC NULLS LAST, pool.first_published_at DESC,
            pool.page_ptr_id
        LIMIT %s"""
    params = [
        *tag_ids,
        *section_params,
        *visible_params,
        *excluded,
        *section_params,
        *tag_ids,
        count,
    ]
    return list(type(article).objects.raw(sql, params))


def listed_before(article, private, limit):
    """How many visible articles other than `article` are listed before it, counted up to
    `limit`; `article` need not be live."""
    visible, visible_params = _visible(private)
    earlier, _, order_params = _around(article)
    sql = f"""
        SELECT COUNT(*) FROM (
            SELECT 1 FROM {ARTICLES}
            WHERE {visible} AND a.page_ptr_id <> %s AND {earlier} LIMIT %s
        ) earlier"""
    with connection.cursor() as cursor:
        cursor.execute(sql, [*visible_params, article.pk, *order_params, limit])
        return cursor.fetchone()[0]


def in_small_sections(most, private):
    """Ids of the visible articles in sections of at most `most` visible articles."""
    visible, visible_params = _visible(private)
    section = f"SUBSTR(p.path, 1, LENGTH(p.path) - {int(Page.steplen)})"
    sql = f"""
        SELECT p.id FROM {ARTICLES}
        WHERE {visible} AND {section} IN (
            SELECT {section} FROM {ARTICLES} WHERE {visible}
            GROUP BY {section} HAVING COUNT(*) <= %s
        )"""
    with connection.cursor() as cursor:
        cursor.execute(sql, [*visible_params, *visible_params, most])
        return [row[0] for row in cursor.fetchall()]


def _visible(private):
    """Live and outside every private section: the condition and its parameters."""
    outside = "".join(" AND p.path NOT LIKE %s" for _ in private)
    return f"p.live{outside}", [path + "%" for path in private]


def _marks(values):
    """One placeholder per value, for an IN list."""
    return ", ".join(["%s"] * len(values))


def _parent_path(article):
    return article.path[: -article.steplen]


def _around(article):
    """The conditions for "listed before `article`" and "listed after it", and the parameters
    each of them takes.

    Undated articles are listed after dated ones; equal dates are ordered by first publication,
    then id.
    """
    ops = connection.ops
    published = ops.adapt_datetimefield_value(article.first_published_at)
    tie = [published, published, article.pk]
    if article.date is None:
        earlier = f"(a.date IS NOT NULL OR {EARLIER_TIE})"
        later = f"(a.date IS NULL AND {LATER_TIE})"
        return earlier, later, tie
    day = ops.adapt_datefield_value(article.date)
    earlier = f"(a.date > %s OR (a.date = %s AND {EARLIER_TIE}))"
    later = f"(a.date < %s OR a.date IS NULL OR (a.date = %s AND {LATER_TIE}))"
    return earlier, later, [day, day, *tie]
