"""Where a reader is and where they can go next: breadcrumbs and sections for article cards."""

from typing import NamedTuple

from wagtail.models import Page

# What a link to a page needs: its title and URL, whether it is live and public, and for an
# article the summary and date shown beside the link.
PAGE_LINK_FIELDS = ("title", "url_path", "path", "depth", "live")
ARTICLE_LINK_FIELDS = (*PAGE_LINK_FIELDS, "standfirst", "date")


class Crumb(NamedTuple):
    title: str
    url: str


def breadcrumbs(page, request=None):
    """The trail from the home page down to `page`, in one query."""
    trail = page.get_ancestors(inclusive=True).filter(depth__gt=1)
    return [Crumb(ancestor.title, ancestor.get_url(request)) for ancestor in trail]


def attach_sections(articles):
    """Set `section` on each article from one query, so cards can name it."""
    parent_paths = {article.path[: -Page.steplen] for article in articles}
    by_path = {section.path: section for section in Page.objects.filter(path__in=parent_paths)}
    for article in articles:
        article.section = by_path.get(article.path[: -Page.steplen])
    return articles
