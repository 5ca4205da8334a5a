"""Which pages everyone may see: Wagtail's `.public()`, with the private sections read once per
request rather than once per listing (an article page lists its section, neighbours and related
articles, and the header lists the sections)."""

from django.db.models import Q

from wagtail.models import PageViewRestriction


def private_paths(request=None):
    """The tree paths of the sections behind a view restriction."""
    paths = getattr(request, "_private_paths", None)
    if paths is None:
        paths = tuple(PageViewRestriction.objects.values_list("page__path", flat=True))
        if request is not None:
            request._private_paths = paths
    return paths


def public(pages, request=None):
    """`pages` without those in a private section or below one."""
    hidden = Q()
    for path in private_paths(request):
        hidden |= Q(path__startswith=path)
    return pages.exclude(hidden) if hidden else pages
