"""What every public page reads of the site as a whole: which Wagtail site answers the host, its
home page, its sections, its view restrictions, its settings and the root paths page URLs are
made from. Without this, each page read them again in five queries and a cache lookup; here an
anonymous read takes them from the shared cache in one lookup.

They change only when the whole site is forgotten (a home or section page published, moved or
deleted; the settings, a snippet or an image edited; a Wagtail site edited) or a view restriction
changes; each of these starts a new generation. A copy built while one of them happened is
stored under the generation it started from, so it is never used.

The page cache hands it over on every anonymous read it does not answer itself. It is kept only
when the cache is shared by every server process (KEEP_SITE_DATA, on with Redis): in per-process
memory, one process would go on using data another process's change had replaced.
"""

import hashlib
import uuid
from dataclasses import dataclass, fields

from django.core.cache import cache
from django.db import InterfaceError, OperationalError

from wagtail.models import Site

from articles.models import SiteSettings, site_sections
from articles.visibility import view_restrictions

GENERATION = "site-data:generation"


@dataclass
class SiteData:
    site: Site  # its root_page is the home page's specific object
    sections: list
    restrictions: list
    settings: SiteSettings
    root_paths: list


# Part of the key, so that an entry kept by a release with other fields is never read.
SHAPE = ",".join(field.name for field in fields(SiteData))


def use_kept_site_data(request):
    """Give `request` the kept site data, building and keeping it first if it is not current."""
    key = _key(request)
    found = cache.get_many([GENERATION, key])
    generation = found.get(GENERATION) or _start_generation()
    entry = found.get(key)
    if entry is not None and entry[0] == generation:
        _hand_over(entry[1], request)
        return
    try:
        data = _read(request)
    except (OperationalError, InterfaceError):
        return  # no database: the view says so (the 503 page), or needs none (/healthz)
    if data is not None:
        cache.set(key, (generation, data), timeout=None)


def _key(request):
    """One entry per host, and per shape of SiteData, so that a release which changes the shape
    never reads an entry an older release left."""
    return "site-data:" + hashlib.sha256(f"{SHAPE}|{request.get_host()}".encode()).hexdigest()[:32]


def forget_site_data():
    """Start a new generation; whether the cache heard it."""
    return not cache.set_many({GENERATION: uuid.uuid4().hex}, timeout=None)


def _start_generation():
    cache.add(GENERATION, uuid.uuid4().hex, timeout=None)
    return cache.get(GENERATION)


def _read(request):
    """The site data from the database, left on `request` as each reader of it keeps it."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    site.root_page = site.root_page.specific
    return SiteData(
        site,
        site_sections(site.root_page, request),
        view_restrictions(request),
        SiteSettings.for_request(request),
        Site.get_site_root_paths(),
    )


def _hand_over(data, request):
    request._wagtail_site = data.site
    request._site_sections = (data.site.root_page_id, data.sections)
    request._view_restrictions = data.restrictions
    data.settings._request = request
    setattr(request, SiteSettings.get_cache_attr_name(), data.settings)
    request._wagtail_cached_site_root_paths = data.root_paths
