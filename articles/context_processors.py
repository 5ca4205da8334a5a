"""What every page's header and footer show: the site's name, its sections and its settings."""

from wagtail.models import Site

from articles.models import SectionPage, SiteSettings
from articles.visibility import public


def site_chrome(request):
    site = Site.find_for_request(request)
    if site is None:
        return {"site_name": "", "nav_sections": [], "site_settings": SiteSettings()}
    site_settings = SiteSettings.for_request(request)
    sections = SectionPage.objects
    return {
        "site_name": site_settings.site_name or site.site_name,
        "nav_sections": public(sections.child_of(site.root_page).live(), request).order_by("path"),
        "site_settings": site_settings,
    }
