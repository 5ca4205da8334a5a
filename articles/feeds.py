"""RSS 2.0 and Atom feeds of the newest articles: the whole site's, a section's, a topic's.

Every address in a feed is the site's own (BASE_URL, which the Wagtail site is pointed at), never
the host or scheme a request came with: a feed is cached and served to everyone."""

from dataclasses import dataclass
from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from taggit.models import Tag
from wagtail.models import Site

from articles.models import ArticlePage, SectionPage
from articles.seo import summarise

FEED_LENGTH = 20


@dataclass
class Channel:
    """What one feed is about: its address, title, home page, description and articles."""

    url: str
    title: str
    link: str
    description: str
    articles: QuerySet


def find_site(request):
    return Site.find_for_request(request) or Site.objects.get(is_default_site=True)


class ArticleFeed(Feed):
    """The whole site's newest articles, as RSS 2.0."""

    def get_object(self, request, *args, **kwargs):
        site = find_site(request)
        articles = ArticlePage.objects.listing().in_site(site)
        description = f"The newest articles from {site.site_name}."
        return Channel(
            site.root_url + request.path, site.site_name, site.root_url + "/", description, articles
        )

    def feed_url(self, obj):
        return obj.url

    def title(self, obj):
        return obj.title

    def link(self, obj):
        return obj.link

    def description(self, obj):
        return obj.description

    def items(self, obj):
        return obj.articles.prefetch_related("tags")[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_link(self, item):
        return item.get_full_url()

    def item_description(self, item):
        return summarise(item.search_description or item.standfirst, limit=500)

    def item_author_name(self, item):
        return item.author or item.publisher or None

    def item_pubdate(self, item):
        """The article's own date when known, else when it was first published here."""
        if item.date:
            return timezone.make_aware(datetime.combine(item.date, time.min))
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]


class SectionFeed(ArticleFeed):
    """One section's newest articles."""

    def get_object(self, request, slug):
        site = find_site(request)
        section = get_object_or_404(SectionPage.objects.live().public().in_site(site), slug=slug)
        return Channel(
            site.root_url + request.path,
            f"{section.title} | {site.site_name}",
            section.get_full_url(request),
            f"The newest articles in {section.title}, from {site.site_name}.",
            ArticlePage.objects.listing().child_of(section),
        )


class TopicFeed(ArticleFeed):
    """The newest articles on one topic (tag), linking to the topic's page."""

    def get_object(self, request, slug):
        site = find_site(request)
        tag = get_object_or_404(Tag, slug=slug)
        return Channel(
            site.root_url + request.path,
            f"{tag.name} | {site.site_name}",
            f"{site.root_url}/topics/{tag.slug}/",
            f"The newest articles about {tag.name}, from {site.site_name}.",
            ArticlePage.objects.listing().in_site(site).filter(tags=tag),
        )


class AtomMixin:
    feed_type = Atom1Feed

    def subtitle(self, obj):
        return obj.description


class ArticleAtomFeed(AtomMixin, ArticleFeed):
    """The whole site's newest articles, as Atom."""


class SectionAtomFeed(AtomMixin, SectionFeed):
    """One section's newest articles, as Atom."""


class TopicAtomFeed(AtomMixin, TopicFeed):
    """The newest articles on one topic, as Atom."""
