"""Test-only overrides: fast hashing and plain static storage."""

import os

os.environ["ENV_FILE"] = ""  # the suite, and the servers it starts, ignore the checkout's .env
os.environ.setdefault("SECRET_KEY", "tests-only-secret-key-not-for-production-use-0123456789")
os.environ["BASE_URL"] = "http://testserver"  # the host Django's test client uses

from config.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# The page cache is a behaviour of its own, switched on by the tests about it; elsewhere every
# request renders, so a test's unpublished transaction never meets a stale page.
PAGE_CACHE_SECONDS = 0
