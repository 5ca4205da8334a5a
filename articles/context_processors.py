"""What every page's header and footer show: the site's name, its sections and its settings."""

from django.utils.functional import SimpleLazyObject

from wagtail.models import Site

from articles.models import SiteSettings, nav_sections


def site_chrome(request):
    site = Site.find_for_request(request)
    if site is None:
        return {"site_name": "", "nav_sections": [], "site_settings": SiteSettings()}
    site_settings = SiteSettings.for_request(request)
    return {
        "site_name": site_settings.site_name or site.site_name,
        "nav_sections": SimpleLazyObject(lambda: nav_sections(site.root_page, request)),
        "site_settings": site_settings,
    }
