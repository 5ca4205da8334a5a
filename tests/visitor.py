"""A person's browser for tests against a live server: it keeps its cookies, fills in forms
with their hidden fields, and reaches the site through a proxy that names its address."""

import urllib.request
from http.cookiejar import CookieJar
from urllib.error import HTTPError
from urllib.parse import urlencode

from bs4 import BeautifulSoup

SIGN_IN = "/admin/login/"


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args):
        return None


class Visitor:
    """One person's browser: it keeps its cookies, and its requests reach the site through a
    proxy (the test itself, on 127.0.0.1) that sends X-Forwarded-For as a proxy would."""

    def __init__(self, site, forwarded_for=""):
        self.site, self.forwarded_for = site, forwarded_for
        cookies = urllib.request.HTTPCookieProcessor(CookieJar())
        self.opener = urllib.request.build_opener(cookies, NoRedirects())

    def request(self, path, data=None):
        """The status and the page; redirects are not followed."""
        headers = {"X-Forwarded-For": self.forwarded_for} if self.forwarded_for else {}
        body = urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.site.url + path, data=body, headers=headers)
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.read().decode()
        except HTTPError as error:
            return error.code, error.read().decode()

    def open_form(self, path):
        """The hidden fields of the form at `path` (its CSRF token, its start time)."""
        _, html = self.request(path)
        form = BeautifulSoup(html, "html.parser").find("form", method="post")
        return {field["name"]: field.get("value", "") for field in form.select("input[name]")}

    def sign_in(self, username, password):
        form = self.open_form(SIGN_IN)
        return self.request(SIGN_IN, {**form, "username": username, "password": password})[0]
