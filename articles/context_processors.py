"""What every page's header and footer show: the site's name and its sections."""

from wagtail.models import Site

from articles.models import SectionPage


def site_chrome(request):
    site = Site.find_for_request(request)
    if site is None:
        return {"site_name": "", "nav_sections": []}
    return {
        "site_name": site.site_name,
        "nav_sections": SectionPage.objects.live().public().in_site(site).order_by("path"),
    }
