"""URL routes: the admin, documents, health and security files, and Wagtail's page tree for
everything else."""

from django.conf import settings
from django.urls import include, path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from config.health import healthz, readyz
from config.security import security_txt

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
    path(".well-known/security.txt", security_txt, name="security_txt"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
