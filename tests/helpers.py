"""Small helpers shared by the tests: where the fixtures are, and what a reader sees."""

import re
import unicodedata
from http import HTTPStatus

from bs4 import BeautifulSoup

from django.conf import settings
from django.urls import reverse

from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, streamfield

FIXTURES_DIR = settings.BASE_DIR / "fixtures"
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


def edit_form_data(client, page):
    """The edit form exactly as the admin fills it in for `page`."""
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == HTTPStatus.OK
    return querydict_from_html(response.content.decode(), form_id="page-edit-form")


def list_block(items):
    """A ListBlock's form data, for use inside `nested_form_data`."""
    data = {
        str(n): {"value": item, "deleted": "", "order": str(n), "id": ""}
        for n, item in enumerate(items)
    }
    data["count"] = str(len(items))
    return data


def article_form_data(client, page, body, **changes):
    """The article's edit form with `body` ((block type, value) pairs) and `changes` filled in."""
    data = edit_form_data(client, page)
    for key, value in {**nested_form_data({"body": streamfield(body)}), **changes}.items():
        data[key] = value
    return data
