"""The documented backup restores into a fresh database with every page in place."""

import sqlite3
import subprocess
from urllib.parse import urlsplit

from tests.helpers import FIXTURES_DIR
from tests.live_server import LiveSite, uses_postgresql


def back_up_and_restore(source, target, workdir):
    """The README's procedure: pg_dump and pg_restore, or SQLite's online backup."""
    if uses_postgresql():
        dump = workdir / "library.dump"
        subprocess.run(
            ["pg_dump", "--format=custom", "--no-owner", f"--file={dump}", source], check=True
        )
        subprocess.run(["pg_restore", "--no-owner", f"--dbname={target}", str(dump)], check=True)
    else:
        with (
            sqlite3.connect(urlsplit(source).path) as live,
            sqlite3.connect(urlsplit(target).path) as copy,
        ):
            live.backup(copy)


def test_a_restored_backup_holds_the_whole_site(tmp_path):
    source = LiveSite(tmp_path, name="backup_source")
    source.manage("migrate", "--noinput")
    source.manage("load_content")
    restored = LiveSite(tmp_path, name="backup_restored")

    back_up_and_restore(source.env["DATABASE_URL"], restored.env["DATABASE_URL"], tmp_path)

    restored.manage("export_content", str(tmp_path / "export"))
    for path in sorted(FIXTURES_DIR.rglob("*.json")):
        exported = tmp_path / "export" / path.relative_to(FIXTURES_DIR)
        assert exported.read_text() == path.read_text(), path.name
