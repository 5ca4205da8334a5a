"""Settings for the Mind–Body Library, read from the environment and the site's `.env` file."""

import ipaddress
import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE

from django.core.exceptions import ImproperlyConfigured

from config.env_file import read_env_file

BASE_DIR = Path(__file__).resolve().parent.parent
read_env_file()


def env_bool(name, default=False):
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# Django

DEBUG = env_bool("DEBUG")
BASE_URL = os.environ.get("BASE_URL", f"http://127.0.0.1:{os.environ.get('PORT', '8000')}")
BASE_URL = BASE_URL.rstrip("/")
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "insecure-development-key-only-used-with-debug-on"

ALLOWED_HOSTS = [*env_list("ALLOWED_HOSTS", "127.0.0.1,localhost"), urlsplit(BASE_URL).hostname]
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=600,
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # gunicorn's workers share one file: a transaction takes the write lock as it begins, waiting
    # for it, rather than failing with "database is locked" when an editor's save meets another.
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}
# The admin's edit form posts about ten fields and 560 bytes per body block (1,288 fields and
# 72 KB for the 127 blocks of "Treatment of Psychogenic Pain"), so these fit an article of
# about 1,000 blocks. Readers' requests keep Django's own, smaller limits (config.faults).
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
INSTALLED_APPS = [
    "articles",
    "related",
    "axes",
    "csp",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
]
LANGUAGE_CODE = "en-gb"
MEDIA_ROOT = os.environ.get("MEDIA_ROOT", str(BASE_DIR / "media"))
MEDIA_URL = "/media/"
MIDDLEWARE = [
    "config.proxies.ClientAddressMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "config.security.SecurityHeadersMiddleware",
    "config.faults.DatabaseUnavailableMiddleware",
    "config.faults.RequestLimitsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "config.media.UploadedImagesMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "articles.caching.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",
]
ROOT_URLCONF = "config.urls"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": (
        {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": AWS_STORAGE_BUCKET_NAME,
                "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
                "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
                "file_overwrite": False,
                "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            },
        }
        if (AWS_STORAGE_BUCKET_NAME := os.environ.get("AWS_STORAGE_BUCKET_NAME"))
        else {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    ),
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "articles.context_processors.site_chrome",
            ],
        },
    },
]
TIME_ZONE = "Europe/London"
USE_TZ = True
WSGI_APPLICATION = "config.wsgi.application"

# Wagtail

WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_SITE_NAME = "Mind–Body Library"
WAGTAILADMIN_BASE_URL = BASE_URL
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAIL_I18N_ENABLED = False
WAGTAILFRONTENDCACHE = {
    name: backend
    for name, backend, wanted in [
        (
            "http",
            {
                "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
                "LOCATION": os.environ.get("FRONTEND_CACHE_PURGE_URL", ""),
            },
            "FRONTEND_CACHE_PURGE_URL",
        ),
        (
            "cloudflare",
            {
                "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
                "BEARER_TOKEN": os.environ.get("CLOUDFLARE_BEARER_TOKEN", ""),
                "ZONEID": os.environ.get("CLOUDFLARE_ZONEID", ""),
            },
            "CLOUDFLARE_ZONEID",
        ),
        (
            "cloudfront",
            {
                "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
                "DISTRIBUTION_ID": os.environ.get("CLOUDFRONT_DISTRIBUTION_ID", ""),
            },
            "CLOUDFRONT_DISTRIBUTION_ID",
        ),
    ]
    if os.environ.get(wanted)
}

# E-mail: printed to the console unless EMAIL_HOST names an SMTP server.

DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", f"no-reply@{urlsplit(BASE_URL).hostname}")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if os.environ.get("EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_TIMEOUT = 10
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
NEWSLETTER_CONFIRM_DAYS = int(os.environ.get("NEWSLETTER_CONFIRM_DAYS", "3"))
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Security

HTTPS = BASE_URL.startswith("https://")
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_LOCKOUT_MINUTES", "15")))
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_LOCKOUT_CALLABLE = "config.security.lockout_response"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "base-uri": [SELF],
        "default-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
    }
}
# The Wagtail admin inlines scripts and styles and previews pages in a frame of its own.
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "frame-ancestors": [SELF],
        "img-src": [SELF, "data:", "blob:"],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
    }
}
# A preview is rendered as the public page would be (Wagtail's preview request passes through
# the middleware with the page's own path) and shown in the admin's preview panel.
CONTENT_SECURITY_POLICY_PREVIEW_FRAMING = {"frame-ancestors": [SELF]}
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", HTTPS)
CSRF_TRUSTED_ORIGINS = [BASE_URL]
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD")
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
if env_bool("SECURE_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", HTTPS)
SECURITY_CONTACT = os.environ.get(
    "SECURITY_CONTACT", f"mailto:security@{urlsplit(BASE_URL).hostname}"
)
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_HOURS", "8")) * 3600
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", HTTPS)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Preloading HSTS is an operator's commitment for the whole domain, so it stays their choice
# (SECURE_HSTS_PRELOAD); Django warns while it is off.
SILENCED_SYSTEM_CHECKS = ["security.W021"]
# The proxies in front of the site: gunicorn believes their X-Forwarded-Proto, and the site
# their X-Forwarded-For (config/proxies.py); headers from any other peer are ignored.
TRUSTED_PROXIES = [
    ipaddress.ip_network(item) for item in env_list("TRUSTED_PROXIES", "127.0.0.1,::1")
]
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "articles.password_reset.LimitedPasswordResetForm"

# Caching

REDIS_URL = os.environ.get("REDIS_URL", "")
# The longest any Redis call may wait: Redis answers in well under a millisecond, and a Redis that
# does not answer must not hold a reader or an editor (articles/breaker.py stops asking after one).
REDIS_TIMEOUT_SECONDS = 0.25
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "config.cache.ForgivingRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {
                "socket_connect_timeout": REDIS_TIMEOUT_SECONDS,
                "socket_timeout": REDIS_TIMEOUT_SECONDS,
            },
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 2000},
        }
    }
# Pages are only cached in a cache every process shares: with per-process memory, one gunicorn
# worker would keep serving a page another worker's publish had just invalidated.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "3600" if REDIS_URL else "0"))
# The site-wide data every page reads (site, home page, sections, view restrictions, settings) is
# kept between requests on the same condition (articles/site_data.py).
KEEP_SITE_DATA = bool(REDIS_URL)

# Logging

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
