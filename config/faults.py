"""Answers for requests the site cannot or will not serve, given without touching the database."""

import logging
from http import HTTPStatus

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.urls import Resolver404, resolve

logger = logging.getLogger(__name__)

MAX_QUERY_STRING_LENGTH = 16_384
RETRY_AFTER_SECONDS = 30
SAFE_METHODS = ("GET", "HEAD")
# Paths whose views accept forms. Pages in the tree may too: each page type says (articles.methods).
FORM_PATH_PREFIXES = ("/admin/", "/_util/", "/comments/", "/newsletter/")


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
    """Refuses oversized query strings (400) and writes to read-only routes (405)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_STRING_LENGTH:
            return static_page("400.html", HTTPStatus.BAD_REQUEST)
        if request.method not in SAFE_METHODS and not accepts_writes(request):
            return method_not_allowed()
        return self.get_response(request)
