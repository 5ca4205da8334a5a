"""What an editor does in the Wagtail admin: open any page, change it, publish."""

from http import HTTPStatus

import pytest

from django.urls import reverse

from wagtail.models import Page

from articles.models import SectionPage
from tests.helpers import edit_form_data

pytestmark = pytest.mark.django_db


def test_every_page_opens_in_the_editor(editor_client):
    pages = Page.objects.filter(depth__gt=1)
    assert pages.count() == 9
    for page in pages:
        response = editor_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        assert response.status_code == HTTPStatus.OK, page.title


def test_a_published_edit_shows_on_the_site(editor_client, client):
    section = SectionPage.objects.get(slug="chronic-pain")
    data = edit_form_data(editor_client, section)
    data["title"] = "Living with chronic pain"
    data["action-publish"] = "action-publish"
    response = editor_client.post(reverse("wagtailadmin_pages:edit", args=[section.pk]), data)
    assert response.status_code == HTTPStatus.FOUND
    assert '<h1 class="page-intro__title">Living with chronic pain</h1>' in (
        client.get(section.url).content.decode()
    )


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith(reverse("wagtailadmin_login"))
