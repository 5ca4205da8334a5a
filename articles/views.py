"""What crawlers and social sites fetch besides pages: robots.txt, the sitemap, social cards."""

from django.contrib.sitemaps import views as sitemap_views
from django.core.cache import cache
from django.db.models import Max
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page, Site, get_page_models

from articles import cards
from articles.page_query import note_read
from articles.search_engines import SearchEngineMixin
from articles.seo import page_metadata

CARD_CACHE_SECONDS = 60 * 60 * 24 * 30
SITEMAP_TEMPLATE = "articles/sitemap.xml"  # Django's, less what we never send, for speed


class PageSitemap(Sitemap):
    """Every live, public page that search engines may list.

    Pages are read as plain Wagtail pages with only the columns a sitemap entry needs (no page
    type here adds URLs of its own). Each sitemap lists at most 5,000 (the protocol allows
    50,000): building an entry takes Wagtail about 80 µs on a small server, so every sitemap is
    built in well under a second.
    """

    limit = 5_000

    def items(self):
        pages = (
            self.get_wagtail_site()
            .root_page.get_descendants(inclusive=True)
            .live()
            .public()
            .only("url_path", "last_published_at", "latest_revision_created_at")
            .order_by("path")
        )
        for model in get_page_models():
            if issubclass(model, SearchEngineMixin):
                pages = pages.exclude(pk__in=model.objects.filter(hide_from_search_engines=True))
        return pages

    def get_latest_lastmod(self):
        """The newest change, for the sitemap index: one aggregate, not every page loaded."""
        changed = Coalesce("last_published_at", "latest_revision_created_at")
        return self.items().aggregate(latest=Max(changed))["latest"]


@require_safe
def sitemap(request):
    """The sitemap; an index of numbered sitemaps once there are more pages than one may list."""
    sitemaps = {"pages": PageSitemap(request)}
    if sitemaps["pages"].paginator.num_pages > 1:
        index = sitemap_views.index(request, sitemaps, sitemap_url_name="sitemap_section")
        return on_site_root(index, request, sitemaps["pages"].get_wagtail_site())
    return sitemap_views.sitemap(request, sitemaps, template_name=SITEMAP_TEMPLATE)


def on_site_root(index, request, site):
    """Django's index names the numbered sitemaps on the request's scheme and host; they move to
    the site's own (BASE_URL), as every other address the site gives, since the index is cached
    for everyone."""
    requested = f"{request.scheme}://{request.get_host()}"
    for item in index.context_data["sitemaps"]:
        item.location = site.root_url + item.location.removeprefix(requested)
    return index


@require_safe
def sitemap_section(request, section):
    """One numbered sitemap (`?p=`) of the index."""
    response = sitemap_views.sitemap(
        request, {"pages": PageSitemap(request)}, section=section, template_name=SITEMAP_TEMPLATE
    )
    note_read(request, "p", str(int(request.GET.get("p", 1))))  # a valid number, or a 404 above
    return response


@require_safe
def robots_txt(request):
    """Crawl everything but the admin and search results; the sitemap by its full URL."""
    site = Site.find_for_request(request) or Site.objects.get(is_default_site=True)
    context = {"sitemap_url": site.root_url + reverse("sitemap")}
    return TemplateResponse(request, "robots.txt", context, content_type="text/plain")


@require_safe
def social_card(request, page_id, digest):
    """A page's card image; an out-of-date digest moves on to the current card."""
    page = Page.objects.live().public().filter(pk=page_id).specific().first()
    if page is None or not isinstance(page, SearchEngineMixin):
        raise Http404("No such card.")
    card = page_metadata(page, request).card
    if card.digest != digest:
        return redirect("social_card", page_id=page_id, digest=card.digest, permanent=True)
    png = cache.get_or_set(f"social-card:{digest}", lambda: cards.render(card), CARD_CACHE_SECONDS)
    response = HttpResponse(png, content_type="image/png")
    patch_cache_control(response, public=True, max_age=31536000, immutable=True)
    return response
