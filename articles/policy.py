"""The editorial policy page: how articles are written, sourced and reviewed, as editors set it."""

from django.http import Http404
from django.shortcuts import render

from wagtail.models import Site

from articles.models import SiteSettings


def editorial_policy(request):
    if Site.find_for_request(request) is None:
        raise Http404("No site is set up at this address.")
    site_settings = SiteSettings.for_request(request)
    return render(
        request, "articles/editorial_policy.html", {"policy": site_settings.editorial_policy}
    )
