"""Settings read from the environment choose shared services when they are named."""

import runpy

from django.conf import settings

SETTINGS = settings.BASE_DIR / "config" / "settings.py"


def settings_with(monkeypatch, **env):
    monkeypatch.setenv("SECRET_KEY", "a-secret-for-reading-settings")
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(SETTINGS))


def test_media_is_stored_on_disk_unless_a_bucket_is_named(monkeypatch):
    monkeypatch.delenv("AWS_STORAGE_BUCKET_NAME", raising=False)
    storages = settings_with(monkeypatch)["STORAGES"]
    assert storages["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"


def test_media_goes_to_s3_compatible_storage_when_a_bucket_is_named(monkeypatch):
    env = {"AWS_STORAGE_BUCKET_NAME": "library-media", "AWS_S3_ENDPOINT_URL": "http://s3.local"}
    default = settings_with(monkeypatch, **env)["STORAGES"]["default"]
    assert default["BACKEND"] == "storages.backends.s3.S3Storage"
    assert default["OPTIONS"]["bucket_name"] == "library-media"
    assert default["OPTIONS"]["endpoint_url"] == "http://s3.local"


def test_the_cache_is_redis_when_redis_url_is_set(monkeypatch):
    caches = settings_with(monkeypatch, REDIS_URL="redis://127.0.0.1:6379/8")["CACHES"]
    assert caches["default"]["BACKEND"] == "config.cache.ForgivingRedisCache"


def test_the_cache_is_local_memory_without_redis(monkeypatch):
    monkeypatch.delenv("REDIS_URL", raising=False)
    caches = settings_with(monkeypatch)["CACHES"]
    assert caches["default"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"


def test_a_cdn_is_purged_when_its_purge_address_is_set(monkeypatch):
    env = {"FRONTEND_CACHE_PURGE_URL": "http://varnish.local/"}
    frontend = settings_with(monkeypatch, **env)["WAGTAILFRONTENDCACHE"]
    assert frontend["http"]["LOCATION"] == "http://varnish.local/"
    assert "cloudflare" not in frontend
