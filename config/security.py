"""Security headers Django does not set itself, and the security contact file."""

from datetime import timedelta
from http import HTTPStatus

from csp.middleware import CSPMiddleware, PolicyParts

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_safe

ADMIN_PREFIX = "/admin/"


class SecurityHeadersMiddleware(CSPMiddleware):
    """A strict Content-Security-Policy on public pages, the admin's own on admin pages, the
    public one framed by the admin on previews, and a Permissions-Policy denying the browser
    features the site does not use."""

    def process_response(self, request, response):
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return super().process_response(request, response)

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if report_only:
            return parts
        if request.path_info.startswith(ADMIN_PREFIX):
            return PolicyParts(settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"])
        if getattr(request, "is_preview", False):
            parts.replace = settings.CONTENT_SECURITY_POLICY_PREVIEW_FRAMING
        return parts


def lockout_response(request, original_response, credentials):
    """The page shown once a user name has failed to sign in too often from one address."""
    context = {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }
    html = render_to_string("lockout.html", context)
    return HttpResponse(html, status=HTTPStatus.TOO_MANY_REQUESTS)


@require_safe
def security_txt(request):
    """RFC 9116 contact details for people reporting a vulnerability."""
    expires = (timezone.now() + timedelta(days=365)).replace(microsecond=0)
    lines = [
        f"Contact: {settings.SECURITY_CONTACT}",
        f"Expires: {expires.isoformat()}",
        "Preferred-Languages: en",
        f"Canonical: {settings.BASE_URL}/.well-known/security.txt",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
