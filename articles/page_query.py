"""Which part of a query string a page depends on: the parameters it reads, as it reads them.

The page cache keeps a response under its path and these alone. Tracking parameters (`utm_*`,
`fbclid`, `gclid`, …) are read by no page, so they never vary the cache; a response to any other
parameter a page did not read, or read in another spelling (`?page=02`), is not kept, so made-up
query strings cannot fill the cache.
"""

import re
from urllib.parse import urlencode

TRACKING = re.compile(
    r"utm_\w+|fbclid|gclid|gclsrc|dclid|gbraid|wbraid|msclkid|twclid|ttclid|yclid|igshid"
    r"|li_fat_id|mc_cid|mc_eid|_ga|_gl|_hsenc|_hsmi|mkt_tok",
    re.IGNORECASE,
)


def note_read(request, name, value):
    """Record that the response shows the request's parameter `name` as `value` (its plain
    spelling); a parameter the request does not carry is not noted."""
    if name in request.GET:
        request.query_read = {**getattr(request, "query_read", {}), name: value}


def query_key(request):
    """The request's parameters but the tracking ones, in one spelling whatever their order."""
    pairs = [
        (name, value)
        for name, values in request.GET.lists()
        if not TRACKING.fullmatch(name)
        for value in values
    ]
    return urlencode(sorted(pairs))


def reads_whole_query(request):
    """Whether the page read every parameter of `query_key`, each as it was written."""
    return query_key(request) == urlencode(sorted(getattr(request, "query_read", {}).items()))
