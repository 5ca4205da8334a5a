"""Uploaded media as `make run` serves it: Wagtail's images from MEDIA_ROOT with the right type
and caching, nothing else from there, and documents only through Wagtail's own view."""

import http.client
import json
from http import HTTPStatus

import pytest

from django.test import Client

from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from tests.live_server import LiveSite
from tests.test_deployment_settings import settings_with

SECRET = b"database password: hunter2"
RENDITION_CACHING = f"public, max-age={365 * 24 * 3600}, immutable"
ORIGINAL_CACHING = "public, max-age=3600"
SCRIPT = b"<script>alert(1)</script>"
UPLOADS = f"""
import io, json
from PIL import Image as Picture
from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.images.models import Image

buffer = io.BytesIO()
Picture.new("RGB", (640, 480), "teal").save(buffer, "PNG")
image = Image.objects.create(title="Teal", file=ContentFile(buffer.getvalue(), "teal.png"))
document = Document.objects.create(title="Notes", file=ContentFile({SCRIPT!r}, "notes.html"))
image.file.storage.save("images/page.html", ContentFile({SCRIPT!r}))
print(json.dumps({{
    "original": image.file.url,
    "png": buffer.getvalue().hex(),
    "rendition": image.get_rendition("width-400|format-webp").url,
    "document": document.url,
    "stored_document": document.file.url,
}}))
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A live site with an uploaded image, its rendition, a document, a file beside the media
    and a web page slipped into the renditions' folder."""
    workdir = tmp_path_factory.mktemp("media")
    (workdir / "secret.txt").write_bytes(SECRET)
    site = LiveSite(workdir, name="media", MEDIA_ROOT=str(workdir / "media")).start()
    site.uploads = json.loads(site.python(UPLOADS))
    site.workdir = workdir
    yield site
    site.stop()


def get(site, path, **headers):
    """Status, headers and body of a GET sent exactly as written, whatever the status."""
    connection = http.client.HTTPConnection("127.0.0.1", site.port, timeout=10)
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def test_an_uploaded_image_is_served_as_uploaded_with_its_content_type(site):
    status, headers, body = get(site, site.uploads["original"])
    assert status == HTTPStatus.OK
    assert body == bytes.fromhex(site.uploads["png"])
    assert headers["Content-Type"] == "image/png"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Content-Length"] == str(len(body))


def test_a_rendition_is_cached_for_a_year_as_its_name_changes_with_its_content(site):
    status, headers, body = get(site, site.uploads["rendition"], **{"Accept-Encoding": "gzip"})
    assert status == HTTPStatus.OK
    assert body.startswith(b"RIFF") and body[8:12] == b"WEBP"
    assert headers["Content-Type"] == "image/webp"
    assert "Content-Encoding" not in headers
    assert headers["Cache-Control"] == RENDITION_CACHING


def test_an_original_image_is_cached_for_an_hour_then_checked_again(site):
    headers = get(site, site.uploads["original"])[1]
    assert headers["Cache-Control"] == ORIGINAL_CACHING
    assert headers["ETag"] and headers["Last-Modified"]


@pytest.mark.parametrize(
    "validator", [("If-None-Match", "ETag"), ("If-Modified-Since", "Last-Modified")]
)
def test_an_image_the_browser_already_has_answers_not_modified(site, validator):
    asked, given = validator
    headers = get(site, site.uploads["rendition"])[1]
    status, headers, body = get(site, site.uploads["rendition"], **{asked: headers[given]})
    assert status == HTTPStatus.NOT_MODIFIED
    assert body == b""
    assert headers["Cache-Control"] == RENDITION_CACHING


def assert_not_found_page(status, body):
    assert status == HTTPStatus.NOT_FOUND
    assert b"Page not found" in body
    assert SECRET not in body
    assert b"Traceback" not in body


@pytest.mark.parametrize("path", ["/media/", "/media/images/", "/media/original_images"])
def test_no_media_folder_is_listed(site, path):
    assert_not_found_page(*get(site, path)[::2])


@pytest.mark.parametrize(
    "path",
    [
        "/media/images/../../secret.txt",
        "/media/../secret.txt",
        "/media/images/%2e%2e/%2e%2e/secret.txt",
        "/media/original_images/..%2f..%2fsecret.txt",
        "/media/images/..%5c..%5csecret.txt",
        "/media/images/%2f{workdir}/secret.txt",
        "/media//{workdir}/secret.txt",
        "/media/original_images/teal.png%00.txt",
        "/media/images/%00",
        "/media/images/page.html",
        "/media/images/missing.webp",
    ],
)
def test_nothing_but_an_uploaded_image_is_served_from_media(site, path):
    assert_not_found_page(*get(site, path.format(workdir=site.workdir))[::2])


def test_documents_are_not_served_from_media_past_their_collection_privacy(site):
    assert_not_found_page(*get(site, site.uploads["stored_document"])[::2])


def test_a_document_is_downloaded_as_an_attachment_that_runs_no_script(site):
    status, headers, body = get(site, site.uploads["document"])
    assert status == HTTPStatus.OK
    assert body == SCRIPT
    assert headers["Content-Disposition"] == 'attachment; filename="notes.html"'
    assert headers["Content-Security-Policy"] == "default-src 'none'"
    assert headers["X-Content-Type-Options"] == "nosniff"


@pytest.fixture
def image(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return Image.objects.create(title="Walk", file=get_test_image_file())


def test_an_image_never_enters_the_page_cache(image, settings, client):
    settings.PAGE_CACHE_SECONDS = 3600
    for _ in range(2):
        response = client.get(image.file.url)
        assert response.status_code == HTTPStatus.OK
        assert "X-Cache" not in response
        assert response["Cache-Control"] == ORIGINAL_CACHING


def test_with_a_bucket_the_site_serves_nothing_under_media(image, settings, monkeypatch):
    path = image.file.url
    bucket = settings_with(monkeypatch, AWS_STORAGE_BUCKET_NAME="library-media")["STORAGES"]
    settings.STORAGES = {**settings.STORAGES, "default": bucket["default"]}
    assert bucket["default"]["BACKEND"] == "storages.backends.s3.S3Storage"
    response = Client().get(path)
    assert response.status_code == HTTPStatus.NOT_FOUND
