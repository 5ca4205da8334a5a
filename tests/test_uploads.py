"""Image uploads: files that are not images, too large, or too many pixels are refused plainly."""

import io
from http import HTTPStatus

import pytest
from PIL import Image as PILImage

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.images.models import Image

pytestmark = pytest.mark.django_db
MEGABYTE = 1024 * 1024


def png(width, height, mode="RGB"):
    buffer = io.BytesIO()
    PILImage.new(mode, (width, height)).save(buffer, "PNG")
    return buffer.getvalue()


def upload(client, name, content):
    data = {"title": name, "file": SimpleUploadedFile(name, content), "collection": "1"}
    return client.post(reverse("wagtailimages:add"), data)


def test_a_normal_image_is_accepted(editor_client):
    response = upload(editor_client, "small.png", png(40, 30))
    assert response.status_code == HTTPStatus.FOUND
    assert Image.objects.filter(title="small.png").exists()


def test_a_file_that_is_not_an_image_is_refused(editor_client):
    response = upload(editor_client, "notes.txt", b"not an image")
    assert response.status_code == HTTPStatus.OK
    assert "Upload a valid image. The file you uploaded was either not an image" in (
        response.content.decode()
    )
    assert not Image.objects.exists()


def test_a_file_over_20_megabytes_is_refused(editor_client):
    response = upload(editor_client, "huge.png", png(10, 10) + b"\0" * (20 * MEGABYTE))
    assert response.status_code == HTTPStatus.OK
    assert "This file is too big" in response.content.decode()
    assert "Maximum filesize 20.0\xa0MB" in response.content.decode()
    assert not Image.objects.exists()


def test_an_image_over_40_megapixels_is_refused(editor_client):
    response = upload(editor_client, "wide.png", png(8000, 5001, mode="1"))
    assert response.status_code == HTTPStatus.OK
    assert "This file has too many pixels (40008000). Maximum pixels 40000000." in (
        response.content.decode()
    )
    assert not Image.objects.exists()
