"""What every page's header and footer show: the site's name, its sections and its settings."""

from wagtail.models import Site

from articles.models import SectionPage, SiteSettings


def site_chrome(request):
    site = Site.find_for_request(request)
    if site is None:
        return {"site_name": "", "nav_sections": [], "site_settings": SiteSettings()}
    site_settings = SiteSettings.for_request(request)
    return {
        "site_name": site_settings.site_name or site.site_name,
        "nav_sections": SectionPage.objects.live().public().in_site(site).order_by("path"),
        "site_settings": site_settings,
    }
