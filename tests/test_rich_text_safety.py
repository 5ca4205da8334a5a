"""Whatever an editor types or pastes into rich text, no script reaches a public page."""

import json
from http import HTTPStatus

import pytest
from bs4 import BeautifulSoup

from django.test import Client
from django.urls import reverse

from wagtail.test.utils.form_data import querydict_from_html

from articles.models import SectionPage

pytestmark = pytest.mark.django_db

TEXT = "<script>alert(1)</script> <img src=x onerror=alert(2)> read more"


def is_ours(script):
    """Our structured data, or one of our own static scripts."""
    if script.get("type") == "application/ld+json":
        return "<" not in script.get_text()  # text in the data is escaped, never markup
    return script.get("src", "").startswith("/static/") and not script.get_text().strip()


def draftail(text, link_url):
    """The editor's own format: `text`, with its last word linked to `link_url`."""
    block = {
        "key": "a1b2c",
        "type": "unstyled",
        "depth": 0,
        "text": text,
        "inlineStyleRanges": [],
        "entityRanges": [{"offset": len(text) - 4, "length": 4, "key": 0}],
        "data": {},
    }
    link = {"type": "LINK", "mutability": "MUTABLE", "data": {"url": link_url}}
    return json.dumps({"blocks": [block], "entityMap": {"0": link}})


@pytest.mark.parametrize(
    "link_url", ["javascript:alert(3)", " JaVaScRiPt:alert(3)", "data:text/html,x"]
)
def test_script_typed_into_rich_text_is_shown_as_text_not_run(editor_client, link_url):
    section = SectionPage.objects.get(slug="chronic-pain")
    edit_url = reverse("wagtailadmin_pages:edit", args=[section.pk])
    data = querydict_from_html(
        editor_client.get(edit_url).content.decode(), form_id="page-edit-form"
    )
    data["introduction"] = draftail(TEXT, link_url)
    data["action-publish"] = "action-publish"
    assert editor_client.post(edit_url, data).status_code == HTTPStatus.FOUND

    html = Client().get(section.url).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert all(is_ours(script) for script in BeautifulSoup(html, "html.parser").find_all("script"))
    assert "<img src=x" not in html
    assert "alert(3)" not in html
    assert "data:text/html" not in html
