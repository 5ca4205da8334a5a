"""The page cache and its invalidation: anonymous GETs of public pages are served from Django's
cache, and one list of "URLs that show this page" tells both the page cache and a CDN what to
forget when an editor publishes, unpublishes, moves, deletes or makes private a page, edits the
site's settings, a snippet or an image shown on its pages, or a reviewer moderates a reader's
comment.

Entries are keyed by path and the query parameters the page reads (the site serves one Wagtail
site whatever the allowed host; every address it gives comes from BASE_URL).
Each entry records the generation of its path and of the whole site when it was rendered; changing
a generation invalidates every query-string variant of a path (``?page=2``) or every page at once,
and a render that raced with a publish is stored under the old generation, so it is never served.
With Redis, each process also serves its most read pages from copies of its own
(articles/near_cache.py), which every change tells it to drop.

A change Redis cannot be told of (unreachable, or not answering) is kept in the database as an
UnheardChange, and applied with the next change Redis hears, and by the first process that
subscribes to Redis's announcements again, before it reads the cache: every process does so
after a Redis failure, a fork or a quiet spell.
"""

import functools
import hashlib
import logging
import threading
import uuid
from contextlib import contextmanager
from types import SimpleNamespace
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from django.http import HttpResponse
from django.urls import NoReverseMatch, reverse
from django.utils.cache import patch_cache_control, patch_vary_headers, set_response_etag

from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache
from wagtail.images import get_image_model
from wagtail.models import Page, PageLogEntry, PageViewRestriction, ReferenceIndex, Site
from wagtail.signals import (
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
    pre_page_move,
)

from articles.breaker import breaker_for
from articles.models import (
    ArticlePage,
    Comment,
    Person,
    Signpost,
    SiteSettings,
    TopicDescription,
    UnheardChange,
)
from articles.near_cache import announce_change, near_cache, subscribed
from articles.page_query import query_key, reads_whole_query
from articles.site_data import forget_site_data, use_kept_site_data
from related.models import Teaser
from related.selection import is_among_the_newest, topped_up_with_the_newest

PUBLIC = "public, max-age=60, s-maxage=300, stale-while-revalidate=600"
SITE_GENERATION = "pages:site"
UNSTORED_HEADERS = {"x-cache", "set-cookie"}

SHOWN_ACROSS_THE_SITE = (
    SiteSettings,
    Signpost,
    Person,
    TopicDescription,
    Teaser,
    get_image_model(),
)

logger = logging.getLogger(__name__)
_bulk = threading.local()
_urls_before_move = {}


FEED_KINDS = ("rss", "atom")


def _key(kind, text):
    return f"pages:{kind}:{hashlib.sha256(text.encode()).hexdigest()[:32]}"


class PageCacheMiddleware:
    """Serve anonymous GET/HEAD requests from the cache; mark everything else as private."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.get_host()  # a disallowed host is refused (400) before the cache can answer it
        if not is_cacheable(request):
            return private(self.get_response(request))
        keeping = settings.PAGE_CACHE_SECONDS > 0
        response, stamp = lookup(request) if keeping else (None, None)
        if response is not None:
            response["X-Cache"] = "hit"
            return response
        if settings.KEEP_SITE_DATA:
            use_kept_site_data(request)
        response = self.get_response(request)
        if not is_storable(request, response):
            return private(response)
        response["Cache-Control"] = PUBLIC
        patch_vary_headers(response, ["Cookie"])
        if keeping:
            store(request, response, stamp)
            response["X-Cache"] = "miss"
        return response


def is_cacheable(request):
    """Anonymous reads of the public site: no session (editors, previews), no admin."""
    return (
        request.method in {"GET", "HEAD"}
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith(admin_prefix())
    )


@functools.cache
def admin_prefix():
    return reverse("wagtailadmin_home")


def is_storable(request, response):
    """A complete, shareable 200 that sets no cookie, did not ask not to be cached, and read every
    parameter of its query string but the tracking ones (articles/page_query.py)."""
    user = getattr(request, "user", None)
    return (
        request.method == "GET"
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not response.has_header("Cache-Control")
        and not getattr(request, "is_preview", False)
        and not (user and user.is_authenticated)
        and reads_whole_query(request)
    )


def private(response):
    if not response.has_header("Cache-Control"):
        patch_cache_control(response, private=True, no_store=True)
    return response


def _keys(request):
    return (
        _key("response", f"{request.path}?{query_key(request)}"),
        _key("path", request.path),
        SITE_GENERATION,
    )


def lookup(request):
    """The cached response for this request if still current (else None), and the stamp to store
    a fresh one under: the generations it is rendered in, and the near cache's token."""
    response_key, path_key, site_key = _keys(request)
    near = near_cache()
    entry, token = near.get(response_key) if near else (None, None)
    if entry is None:
        found = cache.get_many([response_key, path_key, site_key])
        generation = (_generation(found, site_key), _generation(found, path_key))
        entry = found.get(response_key)
        if entry is None or entry[0] != generation:
            return None, (generation, token)
        if near:
            near.keep(response_key, entry, token)
    response = HttpResponse(entry[2])
    for header, value in entry[1]:
        response[header] = value
    return response, (entry[0], token)


def _generation(found, key):
    """The generation stored under `key`, starting one if missing or evicted."""
    if key in found:
        return found[key]
    cache.add(key, uuid.uuid4().hex, timeout=None)
    return cache.get(key)


def store(request, response, stamp):
    """Keep the response, with its ETag so that a hit need not hash the page again."""
    generation, token = stamp
    if not response.has_header("ETag"):
        set_response_etag(response)
    headers = [(k, v) for k, v in response.items() if k.lower() not in UNSTORED_HEADERS]
    entry = (generation, headers, response.content)
    key = _keys(request)[0]
    cache.set(key, entry, timeout=settings.PAGE_CACHE_SECONDS)
    if near := near_cache():
        near.keep(key, entry, token)


def forget(urls, everything=False):
    """Make the page cache (for `everything`, all of it) and the CDN forget `urls`; what the page
    cache cannot be told now, it is told when Redis answers again."""
    paths = sorted({urlsplit(url).path for url in urls})
    if settings.REDIS_URL:
        breaker_for(settings.REDIS_URL).try_now()  # a change is worth one short wait
    if tell_page_cache(paths, everything):
        apply_unheard_changes()
    else:
        UnheardChange.objects.create(paths=paths, everything=everything)
    purge_urls_from_cache(sorted(urls))


def tell_page_cache(paths, everything):
    """Start new generations of `paths` (for `everything`, of the site) and announce them to
    every process; whether Redis heard it all."""
    new = {_key("path", path): uuid.uuid4().hex for path in paths}
    if everything:
        new[SITE_GENERATION] = uuid.uuid4().hex
    heard = not cache.set_many(new, timeout=None)
    if everything:
        heard = forget_site_data() and heard
    return announce_change() and heard


def apply_unheard_changes(**kwargs):
    """Tell the page cache what it missed while it could not be reached. The site data is
    forgotten too: a view restriction changed meanwhile was not heard either."""
    try:
        changes = list(UnheardChange.objects.all())
        if not changes:
            return
        paths = sorted({path for change in changes for path in change.paths})
        everything = any(change.everything for change in changes)
        if tell_page_cache(paths, everything) and forget_site_data():
            UnheardChange.objects.filter(pk__in=[change.pk for change in changes]).delete()
    except DatabaseError as error:
        logger.warning("Changes the page cache missed could not be read: %s", error)


def urls_showing(page):
    """Every URL whose response shows `page`: the one list both the page cache and the CDN forget.

    A home or section page is in every page's navigation, so it shows on the whole site.
    """
    if not shows_only_in_listings(page):
        return site_urls(page)
    versions = [page.specific, *previous_version(page)]
    tags = tag_slugs_shown(versions)
    urls = {
        *own_and_ancestor_urls(page),
        *topic_urls(page, tags),
        *feed_urls(page, tags),
        *sitemap_urls(page),
        *related_urls(page),
        *fallback_urls(page, versions, tags),
    }
    return sorted(url for url in urls if url)


def shows_only_in_listings(page):
    """Whether the page appears only on its own URL, its ancestors' and the listings it is in."""
    return issubclass(page.specific_class, ArticlePage)


def own_and_ancestor_urls(page):
    """The page itself, its section and the home page (with every page of their listings)."""
    return [page.get_full_url(), *(ancestor.get_full_url() for ancestor in page.get_ancestors())]


def site_urls(page):
    """Every live page of the page's site, and the page's own address if it is not live."""
    site = page.get_site() or Site.objects.get(is_default_site=True)
    pages = Page.objects.live().descendant_of(site.root_page, inclusive=True).only("url_path")
    cache_object = SimpleNamespace()
    urls = [page.get_full_url(), *(each.get_full_url(cache_object) for each in pages)]
    return sorted({url for url in urls if url})


def topic_urls(page, tags):
    """The topic pages of the page's tags, both now and in its previously published version."""
    return [route_url(page, "articles:topic", slug=slug) for slug in tags]


def previous_version(page):
    """The page as it was last published before its live version, if it was: what a list still
    shows until the page is forgotten."""
    entries = (
        PageLogEntry.objects.filter(page=page, action="wagtail.publish", revision__isnull=False)
        .exclude(revision=page.live_revision_id)
        .order_by("-timestamp", "-pk")
        .select_related("revision")[:1]
    )
    return [entry.revision.as_object() for entry in entries]


def tag_slugs_shown(versions):
    """Slugs of the tags the page has now and had when it was last published before."""
    return sorted({tag.slug for version in versions for tag in version.tags.all()})


def feed_urls(page, tags):
    """The feeds that list the page: the site's, its section's and its tags'."""
    section = page.get_parent()
    urls = [route_url(page, name) for name in ("feed_rss", "feed_atom")]
    urls += [route_url(page, f"section_feed_{kind}", slug=section.slug) for kind in FEED_KINDS]
    urls += [
        route_url(page, f"topic_feed_{kind}", slug=slug) for slug in tags for kind in FEED_KINDS
    ]
    return urls


def sitemap_urls(page):
    """The sitemap index and the sitemap pages that list the page."""
    return [route_url(page, "sitemap"), route_url(page, "sitemap_section", section="pages")]


def related_urls(page):
    """Live pages that link to the page: in their body, or through their related links."""
    references = ReferenceIndex.get_references_to(page).filter(
        base_content_type=ReferenceIndex._get_base_content_type(Page)
    )
    ids = references.values_list("object_id", flat=True)
    linking = Page.objects.live().filter(pk__in=[int(pk) for pk in ids]).only("url_path")
    return [each.get_full_url() for each in linking]


def fallback_urls(page, versions, tags):
    """Live articles whose automatic related list may pick the page: same section or a tag, and,
    while it is or was among the newest, those whose list is topped up with the newest."""
    candidates = ArticlePage.objects.live().exclude(pk=page.pk).only("url_path")
    sharing = candidates.filter(tags__slug__in=tags) if tags else candidates.none()
    reached = sharing | candidates.sibling_of(page)
    if any(is_among_the_newest(version) for version in versions):
        reached |= candidates.filter(pk__in=topped_up_with_the_newest())
    return [each.get_full_url() for each in reached.distinct()]


def route_url(page, name, **kwargs):
    """The full URL of a named route on the page's site, or None while that route does not exist."""
    parts = page.get_url_parts()
    try:
        return parts[1] + reverse(name, kwargs=kwargs) if parts and parts[1] else None
    except NoReverseMatch:
        return None


@contextmanager
def one_invalidation_for_everything():
    """For a bulk change: skip forgetting page by page, then forget the whole site at the end."""
    _bulk.active = True
    try:
        yield
    finally:
        _bulk.active = False
    transaction.on_commit(forget_site)


def forget_site():
    site = Site.objects.filter(is_default_site=True).first()
    forget(site_urls(site.root_page) if site else [], everything=True)


def forget_page(page):
    """Once the current transaction commits, forget every URL that shows `page`."""
    if getattr(_bulk, "active", False):
        return
    urls = urls_showing(page)
    everything = not shows_only_in_listings(page)
    transaction.on_commit(lambda: forget(urls, everything))


def on_publish_or_unpublish(instance, **kwargs):
    forget_page(instance)


def on_slug_changed(instance, instance_before, **kwargs):
    forget_page(instance_before)
    forget_page(instance)


def before_move(instance, **kwargs):
    _urls_before_move[instance.pk] = urls_showing(instance)


def after_move(instance, **kwargs):
    urls = [*_urls_before_move.pop(instance.pk, []), *urls_showing(instance)]
    everything = not shows_only_in_listings(instance)
    transaction.on_commit(lambda: forget(urls, everything))


def before_delete(instance, **kwargs):
    if isinstance(instance, Page) and type(instance) is not Page:
        forget_page(instance)


def on_privacy_changed(instance, **kwargs):
    """A page made private, or public again, changes for readers like a publish or unpublish;
    the site data lists every view restriction."""
    transaction.on_commit(forget_site_data)
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        forget_page(page.specific)


def on_site_changed(**kwargs):
    """A Wagtail site added, edited or removed may change which site and home page answer a host."""
    if not getattr(_bulk, "active", False):
        transaction.on_commit(forget_site)


def on_shared_content_changed(created=False, **kwargs):
    """Settings, snippets and images show on many pages (the footer on every one), so an edit to
    one forgets the whole site; edits to them are rare. A new one shows nowhere until a page
    that uses it is published, which forgets what that page shows."""
    if not created and not getattr(_bulk, "active", False):
        transaction.on_commit(forget_site)


def on_comment_saved(instance, created, **kwargs):
    """A new comment awaits moderation and changes nothing readers see; a decision may."""
    if not created or instance.status == Comment.Status.APPROVED:
        forget_comments_of(instance.article_id)


def on_comment_deleted(instance, **kwargs):
    if instance.status == Comment.Status.APPROVED:
        forget_comments_of(instance.article_id)


def forget_comments_of(article_id):
    """Once committed, forget the one page that shows an article's comments: its own."""

    def forget_article_page():
        article = ArticlePage.objects.filter(pk=article_id).only("url_path").first()
        if article is not None:
            forget([article.get_full_url()])

    transaction.on_commit(forget_article_page)


def connect_signal_handlers():
    """Invalidate on every kind of change that alters what a page's readers see."""
    subscribed.connect(apply_unheard_changes, dispatch_uid="caching-unheard")
    page_published.connect(on_publish_or_unpublish, dispatch_uid="caching-publish")
    page_unpublished.connect(on_publish_or_unpublish, dispatch_uid="caching-unpublish")
    page_slug_changed.connect(on_slug_changed, dispatch_uid="caching-slug")
    pre_page_move.connect(before_move, dispatch_uid="caching-before-move")
    post_page_move.connect(after_move, dispatch_uid="caching-after-move")
    pre_delete.connect(before_delete, dispatch_uid="caching-delete")
    for signal in (post_save, post_delete):
        signal.connect(on_privacy_changed, sender=PageViewRestriction, dispatch_uid="caching-view")
    for signal in (post_save, post_delete):
        signal.connect(on_site_changed, sender=Site, dispatch_uid="caching-site")
    for model in SHOWN_ACROSS_THE_SITE:
        for signal in (post_save, post_delete):
            signal.connect(on_shared_content_changed, sender=model, dispatch_uid="caching-shared")
    post_save.connect(on_comment_saved, sender=Comment, dispatch_uid="caching-comment-saved")
    post_delete.connect(on_comment_deleted, sender=Comment, dispatch_uid="caching-comment-deleted")
