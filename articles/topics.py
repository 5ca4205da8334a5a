"""Topic pages: the live articles that share a tag, newest first."""

from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from taggit.models import Tag
from wagtail.models import Site

from articles.models import ArticlePage, TopicDescription, paginate
from articles.navigation import Crumb, attach_sections, breadcrumbs


def topic(request, slug):
    """One topic's articles, paginated; a tag no article carries is a 404."""
    tags = Tag.objects.filter(articles_articlepagetag_items__isnull=False).distinct()
    tag = get_object_or_404(tags, slug=slug)
    articles = paginate(request, ArticlePage.objects.listing().filter(tags=tag))
    attach_sections(articles.object_list)
    home = Site.find_for_request(request).root_page
    context = {
        "tag": tag,
        "description": TopicDescription.objects.filter(tag=tag).first(),
        "articles": articles,
        "breadcrumbs": [*breadcrumbs(home, request), Crumb(tag.name, request.path)],
    }
    return TemplateResponse(request, "articles/topic.html", context)
