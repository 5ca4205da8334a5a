"""Readers keep getting pages, without a single error, while an editor publishes."""

import json
import os
import subprocess
import sys

from tests.live_server import ROOT


def test_readers_get_every_page_without_errors_while_an_editor_publishes():
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.loadtest",
            "--readers",
            "10",
            "--seconds",
            "5",
            "--publish-every",
            "20",
        ],
        cwd=ROOT,
        env=os.environ,
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["errors"] == 0, report["first_errors"]
    assert report["requests"] >= 20
    assert report["publishes"] >= 1
    assert result.returncode == 0
