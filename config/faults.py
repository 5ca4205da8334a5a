"""Answers for requests the site cannot or will not serve, given without touching the database."""

import logging
from http import HTTPStatus

from django.conf import global_settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.urls import Resolver404, resolve

from config.security import ADMIN_PREFIX

logger = logging.getLogger(__name__)

MAX_QUERY_STRING_LENGTH = 16_384
RETRY_AFTER_SECONDS = 30
SAFE_METHODS = ("GET", "HEAD")
# Paths whose views accept forms. Pages in the tree may too: each page type says (articles.methods).
FORM_PATH_PREFIXES = (ADMIN_PREFIX, "/_util/", "/comments/", "/newsletter/")
# Readers' forms are small, so outside the admin requests keep Django's own limits; the larger
# ones in settings are for the admin's edit form of a long article.
READER_MAX_BYTES = global_settings.DATA_UPLOAD_MAX_MEMORY_SIZE
READER_MAX_FIELDS = global_settings.DATA_UPLOAD_MAX_NUMBER_FIELDS


def static_page(template_name, status):
    """A page rendered from its template alone: no request context, so no database."""
    response = HttpResponse(render_to_string(template_name), status=status)
    response["Cache-Control"] = "no-store"
    return response


def method_not_allowed(allowed=SAFE_METHODS):
    response = static_page("405.html", HTTPStatus.METHOD_NOT_ALLOWED)
    response["Allow"] = ", ".join(allowed)
    return response


def accepts_writes(request):
    """Whether the request may reach a view: anything under a form view's prefix, and POSTs to
    pages of the tree, where each page type says whether it takes a form."""
    if request.path_info.startswith(FORM_PATH_PREFIXES):
        return True
    return request.method == "POST" and is_page_path(request.path_info)


def exceeds_reader_limits(request):
    """Whether a request outside the admin is bigger than Django's limits allow."""
    if request.path_info.startswith(ADMIN_PREFIX):
        return False
    if request.META.get("QUERY_STRING", "").count("&") >= READER_MAX_FIELDS:
        return True
    if request.method in SAFE_METHODS:
        return False
    try:
        too_big = int(request.META.get("CONTENT_LENGTH") or 0) > READER_MAX_BYTES
    except ValueError:
        return True
    return too_big or body_field_count(request) > READER_MAX_FIELDS


def body_field_count(request):
    """The fields in a form's body, counted as Django's parsers count them."""
    if request.content_type == "multipart/form-data":
        boundary = request.content_params.get("boundary", "")
        return request.body.count(b"--" + boundary.encode()) - 1
    return request.body.count(b"&") + 1


def is_page_path(path):
    try:
        return resolve(path).url_name == "wagtail_serve"
    except Resolver404:
        return False


class DatabaseUnavailableMiddleware:
    """While the database cannot be reached, readers get a friendly 503 rather than an error."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.error("Database unavailable: %s", exception)
        response = static_page("503.html", HTTPStatus.SERVICE_UNAVAILABLE)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response


class RequestLimitsMiddleware:
    """Refuses oversized query strings and readers' requests over Django's own limits (400),
    and writes to read-only routes (405)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_STRING_LENGTH:
            return static_page("400.html", HTTPStatus.BAD_REQUEST)
        if request.method not in SAFE_METHODS and not accepts_writes(request):
            return method_not_allowed()
        if exceeds_reader_limits(request):
            return static_page("400.html", HTTPStatus.BAD_REQUEST)
        return self.get_response(request)
