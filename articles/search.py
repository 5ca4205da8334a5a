"""Site search: articles matching the reader's words, title matches and editors' picks first."""

import re
import unicodedata

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connection
from django.db.models import BooleanField, CharField, Exists, ExpressionWrapper, F, OuterRef, Q
from django.db.models.expressions import CombinedExpression
from django.db.models.functions import Cast
from django.template.response import TemplateResponse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache

from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.search.models import IndexEntry
from wagtail.search.utils import normalise_query_string

from articles.models import LISTING_ORDER, ArticlePage, paginate
from articles.navigation import attach_sections
from articles.visibility import public

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


def ranked_ids(terms, exclude=(), request=None):
    """Ids of the live articles matching the terms, best first: every term in the title first."""
    words = " ".join(terms)
    articles = public(ArticlePage.objects.live(), request).exclude(pk__in=exclude)
    if connection.vendor == "postgresql":
        return _ranked_ids_postgresql(articles, words)
    hits = [hit.pk for hit in articles.defer_streamfields().search(words)[:MAX_RESULTS]]
    titled = articles.filter(pk__in=hits).search(words, fields=["title"], operator="and")
    in_title = {page.pk for page in titled}
    return sorted(hits, key=lambda pk: pk not in in_title)


def _ranked_ids_postgresql(articles, words):
    """The newest MAX_RESULTS matches, ranked by title then relevance, from Wagtail's index.

    Wagtail's database backend ranks every match and returns its search document with each,
    which for a common word among thousands of articles takes hundreds of milliseconds. Here only
    the newest matches are ranked. Asking whether each article matches (rather than for the set
    of matches) lets PostgreSQL choose: for a word in most articles it walks the articles newest
    first and stops at MAX_RESULTS; for a rarer one it reads the matches from the index migration
    0008 adds. ("pain" among 10,000 articles: 136 ms as a set of matches, 6 ms this way.)
    """
    query = SearchQuery(words)
    entries = IndexEntry.objects.filter(content_type=ContentType.objects.get_for_model(ArticlePage))
    document = CombinedExpression(F("title"), "||", F("body"), output_field=SearchVectorField())
    entry = entries.filter(object_id=Cast(OuterRef("pk"), CharField()))
    newest = articles.filter(Exists(entry.annotate(document=document).filter(document=query)))
    newest = newest.order_by(*LISTING_ORDER).values_list("pk", flat=True)[:MAX_RESULTS]
    ranked = entries.filter(object_id__in=[str(pk) for pk in newest]).annotate(
        in_title=ExpressionWrapper(Q(title=query), output_field=BooleanField()),
        rank=SearchRank(F("title"), query) * F("title_norm") + SearchRank(F("body"), query),
    )
    order = ranked.order_by("-in_title", "-rank", "-object_id")
    return [int(pk) for pk in order.values_list("object_id", flat=True)]


def results_page(request, ids):
    """The page of results `?page=` asks for, with each article's section and snippet set."""
    results = paginate(request, ids, per_page=RESULTS_PER_PAGE)
    found = ArticlePage.objects.in_bulk(results.object_list)
    results.object_list = attach_sections([found[pk] for pk in results.object_list if pk in found])
    return results


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
    """Set `snippet` on each result from its standfirst and body."""
    for result in results:
        texts = [result.standfirst]
        for block in result.body:
            texts += map(str, block.block.get_searchable_content(block.value))
        result.snippet = highlight(" ".join(texts), terms)


@never_cache
def search(request):
    """Search results for `?q=`, or guidance when there is nothing to search for.

    Never cached, here or downstream: results quote articles, which must leave them the moment
    they are unpublished or made private, and each query would be an entry of its own. A search
    renders in about twice an article's time (among 10,000 articles on PostgreSQL, 75–140 ms
    against 68 ms on a busy host, 34 against 17 ms on a quiet one).
    """
    query = clean_query(request.GET.get("q", ""))
    terms = search_terms(query)
    context = {"query": query, "terms": terms}
    if terms:
        promotions = best_bets(query)
        ids = ranked_ids(terms, [promotion.page_id for promotion in promotions], request)
        results = results_page(request, ids)
        add_snippets(results.object_list, terms)
        context["promotions"] = promotions if results.number == 1 else []
        context["results"] = results
        context["result_count"] = len(promotions) + results.paginator.count
    return TemplateResponse(request, "articles/search.html", context)
