"""A production-like copy of the site for tests that speak real HTTP: gunicorn + whitenoise,
DEBUG off, its own freshly migrated and loaded database (SQLite, or PostgreSQL when
DATABASE_URL names it)."""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import closing
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest

ROOT = Path(__file__).resolve().parent.parent
CI_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/mindbody"
ADMIN_USER, ADMIN_PASSWORD = "site-admin", "a-long-password-for-tests-only"
# What a checkout holds that an installed copy of the code does not.
NOT_INSTALLED = [".*", "__pycache__", "*.egg-info", "*.sqlite3", "media", "staticfiles"]


def free_port():
    with closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def uses_postgresql():
    return os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))


def postgres_server_url():
    """PostgreSQL from DATABASE_URL, or in CI the local server even when the suite is on SQLite."""
    if uses_postgresql():
        return os.environ["DATABASE_URL"]
    if os.environ.get("CI") == "true":
        return CI_DATABASE_URL
    pytest.skip("needs PostgreSQL: set DATABASE_URL to a postgres:// URL")


def fresh_database_url(workdir, name, server_url=None):
    """A new, empty database: a SQLite file, or a PostgreSQL database on the server of
    `server_url` (default DATABASE_URL), named after its database so test runs stay apart."""
    url = server_url or os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return f"sqlite:///{workdir / (name + '.sqlite3')}"
    parts = urlsplit(url)
    name = f"{parts.path.lstrip('/')}_{name}"
    admin_url = urlunsplit(parts._replace(path="/postgres", scheme="postgresql"))
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(parts._replace(path=f"/{name}"))


class LiveSite:
    """Sets up a database, then runs gunicorn on a free port until stopped."""

    def __init__(self, workdir, name="live", database_url=None, port=None, **extra_env):
        self.shares_database = database_url is not None
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.configuration = {
            "DEBUG": "0",
            "SECRET_KEY": "live-test-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
            "BASE_URL": self.url,
            "DATABASE_URL": database_url or fresh_database_url(workdir, name),
            "MEDIA_ROOT": str(workdir / f"{name}-media"),
            **extra_env,
        }
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DJANGO_SUPERUSER_PASSWORD": ADMIN_PASSWORD,
            **self.configuration,
        }
        self.process = None

    def install_copy(self, directory):
        """A copy of the site's code in `directory`, set up as the README says: with its
        virtualenv, and the site's configuration in `.env`."""
        shutil.copytree(ROOT, directory, ignore=shutil.ignore_patterns(*NOT_INSTALLED))
        (directory / ".venv").symlink_to(ROOT / ".venv")
        lines = [f"{name}={value}\n" for name, value in self.configuration.items()]
        (directory / ".env").write_text("".join(lines))
        return directory

    def manage(self, *args, timeout=None):
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if result.returncode:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stderr}")
        return result.stdout

    def python(self, code, timeout=None):
        """Run Python code in the site's Django shell; what it prints, stripped."""
        return self.manage("shell", "--no-imports", "-c", code, timeout=timeout).strip()

    def add_user(self, username, password, group):
        """Create a user who belongs to the named group, such as "Editors" or "Reviewers"."""
        self.python(
            "from django.contrib.auth.models import Group, User\n"
            f"user = User.objects.create_user({username!r}, password={password!r})\n"
            f"user.groups.add(Group.objects.get(name={group!r}))"
        )

    def start(self, workers=2):
        """Prepare the database (unless another site shares it and prepared it), then serve."""
        if not self.shares_database:
            self.prepare()
        return self.serve(workers=workers)

    def prepare(self):
        """Migrate and load the database, and add the superuser."""
        self.manage("migrate", "--noinput")
        self.manage("collectstatic", "--noinput")
        self.manage("load_content")
        self.manage(
            "createsuperuser", "--noinput", "--username", ADMIN_USER, "--email", "admin@example.com"
        )

    def serve(self, workers=2, **env):
        """Run gunicorn, with `env` overriding the environment the database was prepared with."""
        gunicorn = Path(sys.executable).with_name("gunicorn")
        self.process = subprocess.Popen(
            [
                gunicorn,
                "--config",
                "config/gunicorn.py",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(workers),
                "--access-logfile",
                "/dev/null",
                "config.wsgi",
            ],
            cwd=ROOT,
            env={**self.env, **env},
        )
        self._wait_until_up()
        return self

    def _wait_until_up(self, seconds=30):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.url + "/healthz", timeout=2)
                return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"gunicorn did not answer on {self.url} within {seconds} s")

    def stop(self):
        if self.process:
            self.process.terminate()
            self.process.wait(timeout=10)
