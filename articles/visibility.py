"""Which pages everyone may see: Wagtail's `.public()`, with the private sections read once per
request rather than once per listing (an article page checks its own restrictions, lists its
section, neighbours and related articles, and the header lists the sections)."""

from django.db.models import Q

from wagtail.models import PageViewRestriction


def view_restrictions(request=None):
    """Every view restriction on the site, each with its page's tree path; a handful at most."""
    restrictions = getattr(request, "_view_restrictions", None)
    if restrictions is None:
        restrictions = list(
            PageViewRestriction.objects.select_related("page").only(
                "restriction_type", "password", "page__path"
            )
        )
        if request is not None:
            request._view_restrictions = restrictions
    return restrictions


def private_paths(request=None):
    """The tree paths of the sections behind a view restriction."""
    return tuple(restriction.page.path for restriction in view_restrictions(request))


def is_visible(page, private):
    """Whether `page` is live and outside the private sections (tree paths) `private`."""
    return page is not None and page.live and not page.path.startswith(private)


def public(pages, request=None):
    """`pages` without those in a private section or below one."""
    hidden = Q()
    for path in private_paths(request):
        hidden |= Q(path__startswith=path)
    return pages.exclude(hidden) if hidden else pages
