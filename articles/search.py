"""Site search: articles matching the reader's words, title matches and editors' picks first."""

import re
import unicodedata

from django.template.response import TemplateResponse
from django.utils.html import escape
from django.utils.safestring import mark_safe

from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.search.utils import normalise_query_string

from articles.models import ArticlePage, paginate
from articles.navigation import attach_sections

MAX_QUERY_LENGTH = 200
MAX_RESULTS = 200
RESULTS_PER_PAGE = 10
SNIPPET_WORDS = 32


def clean_query(raw):
    """The reader's words without control characters, cut to a length worth searching."""
    text = "".join(" " if unicodedata.category(char)[0] == "C" else char for char in raw)
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


def search_terms(query):
    """The words of a query, free of anything the full-text engine would read as syntax."""
    return re.findall(r"\w+", query.lower())


def best_bets(query):
    """The live pages editors promoted for this query, in their order."""
    promotions = SearchPromotion.objects.filter(
        query__query_string=normalise_query_string(query), page__live=True
    ).select_related("page")
    return list(promotions.order_by("sort_order"))


def ranked_articles(terms, exclude=()):
    """Live articles matching the terms: those with every term in the title first."""
    words = " ".join(terms)
    articles = ArticlePage.objects.live().public().defer_streamfields().exclude(pk__in=exclude)
    in_title = {page.pk for page in articles.search(words, fields=["title"], operator="and")}
    hits = list(articles.search(words)[:MAX_RESULTS])
    return [hit for hit in hits if hit.pk in in_title] + [
        hit for hit in hits if hit.pk not in in_title
    ]


def highlight(text, terms, length=SNIPPET_WORDS):
    """An escaped excerpt of `text` around the first matched term, matches in <mark>."""
    pattern = re.compile(r"\b((?:" + "|".join(map(re.escape, terms)) + r")\w*)", re.IGNORECASE)
    words = text.split()
    first = next((n for n, word in enumerate(words) if pattern.search(word)), 0)
    start = max(0, first - length // 4)
    excerpt = " ".join(words[start : start + length])
    parts = pattern.split(excerpt)
    html = "".join(
        f"<mark>{escape(part)}</mark>" if n % 2 else escape(part) for n, part in enumerate(parts)
    )
    ellipsis = "… " if start else ""
    more = " …" if start + length < len(words) else ""
    return mark_safe(ellipsis + html + more)  # every part is escaped above


def add_snippets(results, terms):
    """Set `snippet` on each result from its standfirst and body, in one query."""
    bodies = ArticlePage.objects.only("body").in_bulk([result.pk for result in results])
    for result in results:
        body = bodies[result.pk].body
        texts = [result.standfirst]
        for block in body:
            texts += map(str, block.block.get_searchable_content(block.value))
        result.snippet = highlight(" ".join(texts), terms)


def search(request):
    """Search results for `?q=`, or guidance when there is nothing to search for."""
    query = clean_query(request.GET.get("q", ""))
    terms = search_terms(query)
    context = {"query": query, "terms": terms}
    if terms:
        promotions = best_bets(query)
        results = paginate(
            request,
            ranked_articles(terms, exclude=[promotion.page_id for promotion in promotions]),
            per_page=RESULTS_PER_PAGE,
        )
        attach_sections(results.object_list)
        add_snippets(results.object_list, terms)
        context["promotions"] = promotions if results.number == 1 else []
        context["results"] = results
        context["result_count"] = len(promotions) + results.paginator.count
    return TemplateResponse(request, "articles/search.html", context)
