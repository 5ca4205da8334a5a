"""Every response carries the security headers; public pages get the strict policy."""

from http import HTTPStatus

import pytest

from django.urls import reverse

from tests.helpers import edit_view_post_data

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = ["/", "/chronic-pain/", "/chronic-pain/anxiety-and-chronic-pain/", "/no-such-page/"]


def directives(response):
    policy = response["Content-Security-Policy"]
    return {
        name: set(values)
        for name, *values in (part.split() for part in policy.split(";") if part.strip())
    }


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_allow_no_inline_script_or_style_and_no_framing(client, path):
    policy = directives(client.get(path))
    assert policy["default-src"] == {"'self'"}
    assert policy["script-src"] == {"'self'"}
    assert policy["style-src"] == {"'self'"}
    assert policy["frame-ancestors"] == {"'none'"}
    assert policy["object-src"] == {"'none'"}


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_send_the_browser_hardening_headers(client, path):
    response = client.get(path)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def test_the_admin_edit_page_allows_the_admins_inline_code_but_no_other_origin(
    editor_client, articles
):
    response = editor_client.get(f"/admin/pages/{articles[0].pk}/edit/")
    assert response.status_code == HTTPStatus.OK
    policy = directives(response)
    assert policy["script-src"] == {"'self'", "'unsafe-inline'"}
    assert policy["style-src"] == {"'self'", "'unsafe-inline'"}
    assert policy["frame-ancestors"] == {"'self'"}
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in response["Permissions-Policy"]


def test_a_preview_keeps_the_public_policy_but_may_be_framed_by_the_admin(editor_client, articles):
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[articles[0].pk])
    editor_client.post(preview_url, edit_view_post_data(editor_client, articles[0]))
    response = editor_client.get(preview_url, {"in_preview_panel": "true"})
    assert response.status_code == HTTPStatus.OK
    policy = directives(response)
    assert policy["frame-ancestors"] == {"'self'"}
    assert policy["script-src"] == {"'self'"}
    assert policy["style-src"] == {"'self'"}
    assert response["X-Frame-Options"] == "SAMEORIGIN"


def test_the_admin_login_page_has_the_admin_policy(client):
    response = client.get("/admin/login/")
    assert "'unsafe-inline'" in directives(response)["script-src"]


def test_pages_are_served_over_https_with_hsts_when_the_request_is_secure(client):
    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_security_txt_names_a_contact_and_an_expiry(client, settings):
    settings.SECURITY_CONTACT = "mailto:security@library.example.org"
    response = client.get("/.well-known/security.txt")
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    assert "Contact: mailto:security@library.example.org\n" in text
    assert "Expires: " in text
    assert "Canonical: http://testserver/.well-known/security.txt" in text
