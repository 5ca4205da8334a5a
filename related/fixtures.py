"""Related links in the fixture format: curated article slugs, then source teasers."""

from datetime import date

from articles.models import ArticlePage
from related.models import RelatedLink, Teaser


def link_related(page, related_pages, related_teasers):
    """Set the article's related list: its curated articles, then its teasers, in fixture order."""
    articles = {a.slug: a for a in ArticlePage.objects.filter(slug__in=related_pages)}
    targets = [{"page": articles[slug]} for slug in related_pages]
    targets += [{"teaser": _teaser(raw)} for raw in related_teasers]
    page.related_links = [RelatedLink(sort_order=i, **target) for i, target in enumerate(targets)]


def _teaser(raw):
    """The library's teaser with this summary, created if it is new; editors' changes are kept."""
    teaser = Teaser.objects.filter(summary=raw["summary"]).first()
    return teaser or Teaser.objects.create(
        summary=raw["summary"], date=date.fromisoformat(raw["date"])
    )


def related_fixture_data(article):
    """The article's related list as fixture fields, in editor order."""
    links = article.related_links.select_related("page", "teaser").order_by("sort_order")
    return {
        "related_teasers": [
            {"summary": link.teaser.summary, "date": link.teaser.date.isoformat()}
            for link in links
            if link.teaser
        ],
        "related_pages": [link.page.slug for link in links if link.page],
    }
