"""Whatever a bot sends to a public route, the site answers calmly: never a 500, never a
reflection of its input as markup, 405 for writes to what is only read and 400 for oversized
queries."""

from http import HTTPStatus
from urllib.parse import urlencode

import pytest
from hypothesis import given
from hypothesis import strategies as st

from django.test import Client

from config.faults import FORM_PATH_PREFIXES, MAX_QUERY_STRING_LENGTH
from tests.helpers import FORM_ROUTES, MISSING_PAGE, PUBLIC_ROUTES

MARKER = "<hx-"
LATIN_1 = st.characters(min_codepoint=0x20, max_codepoint=0xFF, exclude_characters="\x7f")
SAFE_METHODS = {"GET", "HEAD"}
# Forms are posted to the page tree, so a POST to a missing page is answered by it (404).
POSTED_TO = {*FORM_ROUTES, MISSING_PAGE}


def tagged(alphabet=None):
    """Text that would open an element if a page echoed it unescaped."""
    alphabet = st.characters(codec="utf-8") if alphabet is None else alphabet
    return st.text(alphabet, max_size=20).map(lambda text: f'{MARKER}{text}">')


values = st.one_of(st.text(max_size=40), st.integers().map(str), tagged(), st.just("9" * 40))
names = st.one_of(st.sampled_from(["q", "page", "utm_source", "format", "sort"]), st.text())
encoded_queries = st.dictionaries(names, values, max_size=6).map(urlencode)
raw_queries = st.one_of(
    st.text(LATIN_1, max_size=80),
    st.just("page=%ff%fe&q=%E0%A4%A"),
    st.integers(2040, 2060).map(lambda size: "q=" + "a" * size),
)
# A server hands headers over as Latin-1 text, so nothing else can arrive.
header_values = st.one_of(st.text(LATIN_1, max_size=60), tagged(LATIN_1))
headers = st.dictionaries(
    st.sampled_from(
        [
            "HTTP_ACCEPT",
            "HTTP_ACCEPT_LANGUAGE",
            "HTTP_ACCEPT_ENCODING",
            "HTTP_COOKIE",
            "HTTP_USER_AGENT",
            "HTTP_REFERER",
            "HTTP_X_FORWARDED_FOR",
            "HTTP_X_FORWARDED_PROTO",
            "HTTP_IF_MODIFIED_SINCE",
            "HTTP_IF_NONE_MATCH",
            "HTTP_RANGE",
        ]
    ),
    header_values,
    max_size=4,
)
# Mostly reads with the right host, so that most examples reach the page itself.
methods = st.sampled_from(["GET"] * 6 + ["HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"])
hosts = st.sampled_from(["testserver"] * 8 + ["evil.example", "testserver:99999", "[::1", "a b"])


def refusals_for(host):
    """A write is refused with 405; one let through to a view that takes forms (a page, the
    newsletter) may first be refused there for an unknown host (400)."""
    if host.startswith("testserver"):
        return {HTTPStatus.METHOD_NOT_ALLOWED}
    return {HTTPStatus.METHOD_NOT_ALLOWED, HTTPStatus.BAD_REQUEST}


@pytest.mark.django_db
@pytest.mark.parametrize("route", PUBLIC_ROUTES)
@given(
    method=methods,
    query=st.one_of(encoded_queries, raw_queries),
    host=hosts,
    extra_headers=headers,
)
def test_no_request_to_a_public_route_breaks_it(route, method, query, host, extra_headers):
    response = Client().generic(method, route, QUERY_STRING=query, HTTP_HOST=host, **extra_headers)
    takes_forms = route.startswith(FORM_PATH_PREFIXES)  # its view decides which methods it takes
    assert response.status_code < HTTPStatus.INTERNAL_SERVER_ERROR
    assert MARKER not in response.content.decode("utf-8", "replace")
    if len(query) > MAX_QUERY_STRING_LENGTH:
        assert response.status_code == HTTPStatus.BAD_REQUEST
    elif (
        method not in SAFE_METHODS
        and not takes_forms
        and not (method == "POST" and route in POSTED_TO)
    ):
        assert response.status_code in refusals_for(host)
