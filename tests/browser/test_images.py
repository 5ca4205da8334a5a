"""Images in a real browser on the production-configured site: an editor uploads one and sees it
in the focal-point editor, and readers see it in the article it is published in."""

import io
import re
from http import HTTPStatus

import pytest
from PIL import Image as Picture
from playwright.sync_api import expect

from tests.browser.test_editorial_flow import add_block, as_user, start_article
from tests.live_server import ADMIN_PASSWORD, ADMIN_USER

EDITOR = ("ines", "an-editor-password-for-image-tests")
TITLE = "Breathing out slowly"
ALT = "A teal square"


@pytest.fixture(scope="module")
def newsroom(live_site):
    live_site.add_user(*EDITOR, "Editors")
    return live_site


def png(width=1200, height=800):
    buffer = io.BytesIO()
    Picture.new("RGB", (width, height), "teal").save(buffer, "PNG")
    return buffer.getvalue()


def loaded(image):
    """Whether the browser fetches and decodes the <img> (a broken image fails to decode)."""
    return image.evaluate("img => img.decode().then(() => img.naturalWidth > 0, () => false)")


def upload_image(page, site):
    """Upload an image as an editor, then open it in the image editor."""
    page.goto(site.url + "/admin/images/multiple/add/")
    files = {"name": "teal-square.png", "mimeType": "image/png", "buffer": png()}
    page.locator("#fileupload").set_input_files(files)
    page.get_by_text("Upload successful. Please update").wait_for()
    page.goto(site.url + "/admin/images/")
    page.get_by_role("link", name="teal-square").click()


def publish_article_with_image(page, site):
    """Write a short article whose body is the uploaded image, and publish it."""
    start_article(page, site, TITLE, "A long breath out calms the body.")
    add_block(page, "Image")
    page.get_by_role("button", name="Choose an image").click()
    page.get_by_role("dialog").get_by_role("link", name="teal-square").first.click()
    page.locator("#body-0-value-alt").fill(ALT)
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/$"))


def test_an_uploaded_image_shows_in_the_editor_and_the_published_article(browser, newsroom, page):
    editor = as_user(browser, newsroom, EDITOR)
    upload_image(editor, newsroom)
    focal_point_editor = editor.locator(".focal-point-chooser .jcrop-holder > img")
    expect(focal_point_editor).to_be_visible()
    assert loaded(focal_point_editor)

    publish_article_with_image(as_user(browser, newsroom, (ADMIN_USER, ADMIN_PASSWORD)), newsroom)
    page.goto(newsroom.url + "/chronic-pain/breathing-out-slowly/")
    image = page.get_by_role("img", name=ALT)
    image.scroll_into_view_if_needed()
    expect(image).to_be_visible()
    assert loaded(image)
    rendition = page.request.get(image.evaluate("img => img.currentSrc"))
    assert rendition.status == HTTPStatus.OK
    assert rendition.headers["cache-control"] == "public, max-age=31536000, immutable"
    original = page.request.get(newsroom.url + original_url(newsroom))
    assert original.status == HTTPStatus.OK
    assert original.headers["content-type"] == "image/png"
    assert original.headers["cache-control"] == "public, max-age=3600"


def original_url(site):
    return site.python(
        "from wagtail.images.models import Image\n"
        "print(Image.objects.get(title='teal-square').file.url)"
    )
