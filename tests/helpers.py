"""Helpers shared by the tests: the fixtures, what a reader sees, what an editor posts."""

import re
import time
import unicodedata
from http import HTTPStatus

from bs4 import BeautifulSoup

from django.conf import settings
from django.urls import reverse

from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.test.utils.form_data import (
    nested_form_data,
    querydict_from_html,
    rich_text,
    streamfield,
)

FIXTURES_DIR = settings.BASE_DIR / "fixtures"
MISSING_PAGE = "/no-such-page/"
# Routes that take a posted form; every other public route is only read.
FORM_ROUTES = ["/contact/", "/newsletter/"]
# One address per kind of public route, for the tests that try every route.
PUBLIC_ROUTES = [
    "/",
    "/chronic-pain/",
    "/chronic-pain/anxiety-and-chronic-pain/",
    MISSING_PAGE,
    *FORM_ROUTES,
    "/privacy/",
    "/healthz",
    "/readyz",
    "/.well-known/security.txt",
    "/search/",
    "/topics/stress/",
    "/editorial-policy/",
    "/comments/7/new/",  # the first article the fixtures load
    "/sitemap.xml",
    "/robots.txt",
    "/feeds/rss.xml",
    "/feeds/sections/chronic-pain/atom.xml",
    "/feeds/topics/stress/rss.xml",
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


def edit_form_data(client, page):
    """The edit form's plain fields exactly as the admin fills them in for `page`."""
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == HTTPStatus.OK
    return querydict_from_html(response.content.decode(), form_id="page-edit-form")


def edit_view_post_data(client, page):
    """What the admin's edit form posts for `page`, StreamFields included (script builds those)."""
    data = edit_form_data(client, page)
    latest = page.specific.get_latest_revision_as_object()
    for model_field in latest._meta.get_fields():
        if isinstance(model_field, StreamField):
            value = getattr(latest, model_field.name)
            form = {model_field.name: block_form_data(model_field.stream_block, value)}
            for key, item in nested_form_data(form).items():
                data[key] = str(item)
    return data


def block_form_data(block, value):
    """A block's value as the nested form data its admin widget posts."""
    if isinstance(block, blocks.StreamBlock):
        return streamfield([(c.block_type, block_form_data(c.block, c.value)) for c in value])
    if isinstance(block, blocks.ListBlock):
        items = [block_form_data(block.child_block, item) for item in value]
        return list_block(items)
    if isinstance(block, blocks.StructBlock):
        return {
            name: block_form_data(child, value.get(name))
            for name, child in block.child_blocks.items()
        }
    if isinstance(block, blocks.RichTextBlock):
        return rich_text(value.source, features=block.features)
    form_value = block.value_for_form(value)
    return "" if form_value is None else form_value


def list_block(items):
    """A ListBlock's form data for already-converted `items`, for use inside `nested_form_data`."""
    data = {str(i): {"value": item, "deleted": "", "order": str(i)} for i, item in enumerate(items)}
    return {**data, "count": str(len(items))}


def article_form_data(client, page, body, **changes):
    """The article's edit form with `body` ((block type, value) pairs) and `changes` filled in."""
    data = edit_form_data(client, page)
    for key, value in {**nested_form_data({"body": streamfield(body)}), **changes}.items():
        data[key] = value
    return data


def comment_form_data(article, **changes):
    """What a reader who took ten seconds over the comment form for `article` sends."""
    from articles.comments.spam import started_token

    data = {
        "name": "Ann Reader",
        "email": "ann@example.org",
        "text": "This helped me understand my back pain.",
        "your-website": "",
        "started": started_token(article.pk, at=time.time() - 10),
    }
    return {**data, **changes}


def add_comment(article, status="approved", **fields):
    """A comment on `article`, already moderated to `status`."""
    from articles.comments.models import Comment

    fields = {"name": "Ann Reader", "text": "Thank you.", "address_hash": "x" * 64, **fields}
    return Comment.objects.create(article=article, status=status, **fields)
