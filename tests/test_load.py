"""Readers keep getting pages, without a single error or an out-of-date article, while an editor
publishes and Redis is cut off and restored twice."""

import json
import os
import subprocess
import sys

from tests.live_server import ROOT


def test_readers_get_every_page_without_errors_or_stale_articles_while_redis_comes_and_goes():
    arguments = ["--readers", "10", "--seconds", "20", "--publishes", "6", "--outages", "2"]
    result = subprocess.run(
        [sys.executable, "-m", "tests.loadtest", *arguments],
        cwd=ROOT,
        env=os.environ,
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["errors"] == 0, report["first_errors"]
    assert report["stale_reads_with_redis_up"] == 0
    assert report["requests"] >= 20
    assert report["publishes"] == 6
    assert result.returncode == 0
