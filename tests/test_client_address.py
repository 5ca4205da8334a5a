"""Behind a proxy, the site counts each reader by their own address: the sign-in lockout and
the comment limit hold one reader back, not everyone behind the proxy, and an address written
into X-Forwarded-For by anyone but a trusted proxy is ignored."""

import ipaddress
import time
import urllib.request
from http import HTTPStatus

import pytest

from django.conf import settings

from config.proxies import client_address
from tests.live_server import LiveSite
from tests.visitor import Visitor

ARTICLE_ID = 7  # the first article the fixtures load
PASSWORD = "a-long-password-for-proxy-tests"
ATTACKER, EDITOR, READER = "198.51.100.66", "203.0.113.10", "192.0.2.44"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The site as `make run` serves it, behind a proxy on the same machine (the default)."""
    site = LiveSite(tmp_path_factory.mktemp("proxied"), name="proxied").start()
    yield site
    site.stop()


@pytest.fixture(scope="module")
def untrusted(site, tmp_path_factory):
    """The same site, served for a proxy elsewhere: this test's requests come from a stranger."""
    workdir = tmp_path_factory.mktemp("untrusted")
    database = site.env["DATABASE_URL"]
    untrusted = LiveSite(workdir, database_url=database, TRUSTED_PROXIES="192.0.2.1").start()
    yield untrusted
    untrusted.stop()


@pytest.fixture
def editor(site, request):
    username = f"editor-{request.node.name[-40:]}"
    site.add_user(username, PASSWORD, "Editors")
    return username


def lock_out(visitor, username):
    """Fail to sign in as `username` until the site pauses it; the last status."""
    return [visitor.sign_in(username, "wrong") for _ in range(settings.AXES_FAILURE_LIMIT)][-1]


def test_a_stranger_behind_the_proxy_cannot_lock_an_editor_out(site, editor):
    # The stranger names the editor's address; the proxy adds the stranger's own after it.
    stranger = Visitor(site, f"{EDITOR}, {ATTACKER}")
    assert lock_out(stranger, editor) == HTTPStatus.TOO_MANY_REQUESTS
    assert Visitor(site, EDITOR).sign_in(editor, PASSWORD) == HTTPStatus.FOUND
    assert stranger.sign_in(editor, PASSWORD) == HTTPStatus.TOO_MANY_REQUESTS


def test_forwarded_addresses_are_ignored_from_a_peer_that_is_not_a_trusted_proxy(untrusted, editor):
    assert lock_out(Visitor(untrusted, ATTACKER), editor) == HTTPStatus.TOO_MANY_REQUESTS
    elsewhere = Visitor(untrusted, EDITOR)
    assert elsewhere.sign_in(editor, PASSWORD) == HTTPStatus.TOO_MANY_REQUESTS


def test_gunicorn_believes_the_scheme_only_from_the_same_trusted_proxies(site, untrusted):
    """Django sends HSTS only on a request it believes came over https."""
    for server, believed in [(site, True), (untrusted, False)]:
        request = urllib.request.Request(server.url + "/", headers={"X-Forwarded-Proto": "https"})
        with urllib.request.urlopen(request, timeout=30) as response:
            assert ("Strict-Transport-Security" in response.headers) is believed


def test_one_reader_behind_the_proxy_reaching_the_comment_limit_leaves_others_free(site):
    path = f"/comments/{ARTICLE_ID}/new/"
    eager, other = Visitor(site, ATTACKER), Visitor(site, READER)
    eager_form, other_form = eager.open_form(path), other.open_form(path)
    time.sleep(3)  # the form refuses comments sent faster than a person writes
    sent = [
        eager.request(path, {**eager_form, "name": "Eager", "text": f"Comment {n}."})[0]
        for n in range(6)
    ]
    assert sent == [HTTPStatus.FOUND] * 5 + [HTTPStatus.OK]
    other_comment = {**other_form, "name": "Other", "text": "My first comment."}
    assert other.request(path, other_comment)[0] == HTTPStatus.FOUND


PROXIES = [ipaddress.ip_network("127.0.0.1"), ipaddress.ip_network("10.0.0.0/8")]


@pytest.mark.parametrize(
    ("peer", "forwarded_for", "client"),
    [
        ("198.51.100.66", "203.0.113.10", "198.51.100.66"),  # a stranger names another address
        ("127.0.0.1", "", "127.0.0.1"),  # the proxy's own request
        ("127.0.0.1", "203.0.113.10, 198.51.100.66", "198.51.100.66"),
        ("127.0.0.1", "203.0.113.10, 198.51.100.66, 10.0.0.3", "198.51.100.66"),  # two proxies
        ("127.0.0.1", "10.0.0.9, 10.0.0.3", "10.0.0.9"),  # a reader inside the network
        ("127.0.0.1", "not-an-address, 198.51.100.66", "198.51.100.66"),
        ("127.0.0.1", "198.51.100.66, not-an-address", "127.0.0.1"),
        ("127.0.0.1", "fe80::1%eth0", "127.0.0.1"),
        ("127.0.0.1", " 2001:DB8::1 ", "2001:db8::1"),
        ("", "198.51.100.66", "198.51.100.66"),  # a proxy on a Unix socket
        ("::ffff:127.0.0.1", "198.51.100.66", "198.51.100.66"),  # a dual-stack server
        ("::ffff:198.51.100.66", "203.0.113.10", "198.51.100.66"),
    ],
)
def test_the_client_is_the_first_address_before_the_trusted_proxies(peer, forwarded_for, client):
    meta = {"REMOTE_ADDR": peer, "HTTP_X_FORWARDED_FOR": forwarded_for}
    assert client_address(meta, PROXIES) == client
