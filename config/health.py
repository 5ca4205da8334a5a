"""Health endpoints for load balancers and orchestrators: never cached, no details leaked."""

import uuid
from http import HTTPStatus

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


@never_cache
@require_safe
def healthz(request):
    """The process is up and answering; nothing else is checked."""
    return JsonResponse({"status": "ok"})


@never_cache
@require_safe
def readyz(request):
    """Whether the database and the cache can be reached, each named when it cannot."""
    checks = {"database": database_reachable(), "cache": cache_reachable()}
    ready = all(checks.values())
    body = {
        "status": "ok" if ready else "unavailable",
        "checks": {name: "ok" if ok else "unreachable" for name, ok in checks.items()},
    }
    return JsonResponse(body, status=HTTPStatus.OK if ready else HTTPStatus.SERVICE_UNAVAILABLE)


def database_reachable():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except DatabaseError:
        return False


def cache_reachable():
    """A value written can be read back (a cache that degrades quietly reads nothing back)."""
    key, value = f"readyz:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, value, timeout=10)
    reachable = cache.get(key) == value
    cache.delete(key)
    return reachable
