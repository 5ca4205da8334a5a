"""Uploaded images served by the site itself while media is kept on its own disk.

Only Wagtail's images are served from MEDIA_URL: originals and renditions, in the formats
editors may upload, with their own content type. Documents are not: Wagtail's view at
/documents/<id>/<name> checks their collection's privacy and sends them as attachments, and
reading them here would bypass it. Anything else under MEDIA_URL is the site's 404 page.

This runs beside whitenoise, before compression and the page cache: images are already
compressed, and each has its own lifetime. With media in a bucket, the bucket serves it.
"""

import os
import stat
from http import HTTPStatus
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed, SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

CONTENT_TYPES = {
    ".avif": "image/avif",
    ".gif": "image/gif",
    ".jpeg": "image/jpeg",
    ".jpg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
}
# A rendition's name holds its original's name (unique in storage), its filter and focal point,
# so changed content gets a new name. An original's name may be taken again by a later upload
# once it is deleted, and a deleted image should leave shared caches soon.
LIFETIMES = {
    "images": {"max_age": 365 * 24 * 3600, "immutable": True},
    "original_images": {"max_age": 3600},
}


class UploadedImagesMiddleware:
    """Answer every request under MEDIA_URL: the image it names, or the 404 page."""

    def __init__(self, get_response):
        try:
            default_storage.path("")
        except NotImplementedError:
            raise MiddlewareNotUsed("Media is served from its storage's own address.") from None
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(settings.MEDIA_URL):
            return self.get_response(request)
        return serve_image(request, request.path_info.removeprefix(settings.MEDIA_URL))


def serve_image(request, name):
    """The uploaded image stored as `name`, answering conditional requests with 304."""
    folder, _, filename = name.partition("/")
    content_type = CONTENT_TYPES.get(PurePosixPath(filename).suffix.lower())
    if folder not in LIFETIMES or not content_type or "/" in filename:
        raise Http404
    status = stored_file_status(name)
    etag = f'"{status.st_mtime_ns:x}-{status.st_size:x}"'
    modified = int(status.st_mtime)
    response = get_conditional_response(request, etag=etag, last_modified=modified)
    if response is None:
        response = FileResponse(open_stored_file(name), content_type=content_type)
    if response.status_code < HTTPStatus.BAD_REQUEST:
        response["ETag"] = etag
        response["Last-Modified"] = http_date(modified)
        patch_cache_control(response, public=True, **LIFETIMES[folder])
    return response


def open_stored_file(name):
    """The stored file, opened; 404 if it was deleted since its status was read."""
    try:
        return default_storage.open(name)
    except FileNotFoundError:
        raise Http404 from None


def stored_file_status(name):
    """The status of a regular file in the storage, or 404 (safe_join refuses paths outside)."""
    try:
        status = os.stat(default_storage.path(name))
    except (SuspiciousFileOperation, OSError, ValueError):
        raise Http404 from None
    if not stat.S_ISREG(status.st_mode):
        raise Http404
    return status
