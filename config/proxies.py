"""The reader's own address when the site sits behind proxies.

Each proxy appends the address it was connected from to X-Forwarded-For, so the list is read
from its right end: past each trusted proxy (TRUSTED_PROXIES) to the first address that is not
one. Whatever a client wrote into the header itself lies further left and is never reached,
and a peer that is not a trusted proxy is the client however the header reads.
"""

import ipaddress

from django.conf import settings


class ClientAddressMiddleware:
    """Puts the reader's address in REMOTE_ADDR, so the sign-in lockout, the rate limits and
    everything else that reads it count readers, not the proxy in front of them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META["REMOTE_ADDR"] = client_address(request.META, settings.TRUSTED_PROXIES)
        return self.get_response(request)


def client_address(meta, trusted):
    """The first address, from the connection back along X-Forwarded-For, not in `trusted`.

    A peer that is no IP address (a Unix socket) is a proxy on the same machine, as gunicorn
    also assumes. A malformed entry ends the walk at the last proxy that added a good one.
    """
    client = meta.get("REMOTE_ADDR", "")
    peer = ip_address(client)
    if peer is not None:
        client = str(peer)
        if not is_trusted(peer, trusted):
            return client
    forwarded = meta.get("HTTP_X_FORWARDED_FOR", "").split(",")
    for hop in reversed(forwarded):
        address = ip_address(hop.strip())
        if address is None:
            break
        client = str(address)
        if not is_trusted(address, trusted):
            break
    return client


def ip_address(text):
    """The address `text` names, an IPv4 one as such even when a dual-stack server reports it
    as IPv6 (`::ffff:192.0.2.1`); None for anything else, scoped IPv6 addresses included."""
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if address.version == 4:
        return address
    return None if address.scope_id else address.ipv4_mapped or address


def is_trusted(address, trusted):
    return any(address in network for network in trusted)
