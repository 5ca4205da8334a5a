"""Small helpers shared by the tests: where the fixtures are, and what a reader sees."""

import re
import unicodedata

from bs4 import BeautifulSoup

from django.conf import settings

FIXTURES_DIR = settings.BASE_DIR / "fixtures"
# One address per kind of public route, for the tests that try every route.
PUBLIC_ROUTES = [
    "/",
    "/chronic-pain/",
    "/chronic-pain/anxiety-and-chronic-pain/",
    "/no-such-page/",
    "/healthz",
    "/readyz",
    "/.well-known/security.txt",
]
QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\xa0": " "})


def normalise(text):
    """Text with whitespace, quotes and dashes made uniform, for comparing with sources."""
    text = unicodedata.normalize("NFC", text).translate(QUOTES)
    return re.sub(r"\s+", " ", text).strip()


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def visible_text(response):
    """The text a reader sees in the page's <main>, normalised."""
    main = soup(response).find("main")
    return normalise(main.get_text())
