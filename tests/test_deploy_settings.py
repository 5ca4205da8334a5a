"""Production settings pass Django's deployment checklist, and plain-http runs stay usable."""

import os
import subprocess
import sys

from tests.live_server import ROOT

PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "production-like-secret-key-for-the-deploy-check-0123456789abcdefghij",
    "BASE_URL": "https://library.example.org",
    "DJANGO_SETTINGS_MODULE": "config.settings",
}


def run_python(code, env):
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
    )


def test_check_deploy_reports_nothing_under_production_settings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "DEBUG"],
        cwd=ROOT,
        env={**os.environ, **PRODUCTION_ENV},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "no issues (1 silenced)" in result.stdout


def test_only_the_hsts_preload_warning_is_silenced():
    code = "from config import settings; print(settings.SILENCED_SYSTEM_CHECKS)"
    result = run_python(code, PRODUCTION_ENV)
    assert result.stdout.strip() == "['security.W021']"


def test_an_https_site_redirects_to_https_and_sends_cookies_only_over_it():
    code = (
        "from config import settings as s;"
        "print(s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE,"
        " s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD)"
    )
    result = run_python(code, PRODUCTION_ENV)
    assert result.stdout.split() == ["True", "True", "True", "31536000", "True", "False"]


def test_a_plain_http_site_neither_redirects_nor_hides_its_cookies():
    code = (
        "from config import settings as s;"
        "print(s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE)"
    )
    result = run_python(code, {**PRODUCTION_ENV, "BASE_URL": "http://127.0.0.1:8000"})
    assert result.stdout.split() == ["False", "False", "False"]


def test_the_proxy_header_is_trusted_only_when_asked():
    code = "from config import settings as s; print(getattr(s, 'SECURE_PROXY_SSL_HEADER', None))"
    assert run_python(code, PRODUCTION_ENV).stdout.strip() == "None"
    trusted = run_python(code, {**PRODUCTION_ENV, "SECURE_PROXY_SSL_HEADER": "on"})
    assert trusted.stdout.strip() == "('HTTP_X_FORWARDED_PROTO', 'https')"
