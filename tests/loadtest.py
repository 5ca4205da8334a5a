"""Load test: many readers and one editor at once against a gunicorn-served copy of the site.

    python -m tests.loadtest --readers 50 --seconds 60

Starts its own site (a fresh database, as tests/live_server.py sets up), runs reader threads
that fetch every page type in turn while an editor publishes an article after every
`--publish-every` reader requests, then prints one JSON line: request count, errors and
latency percentiles in milliseconds. Exits non-zero if any request or publish failed.
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from tests.live_server import ROOT, LiveSite


class Tally:
    """What the readers and the editor did, shared between their threads."""

    def __init__(self):
        self.changed = threading.Condition()
        self.latencies, self.errors, self.publishes = [], [], 0

    def record(self, seconds, error=None):
        with self.changed:
            self.latencies.append(seconds)
            if error:
                self.errors.append(error)
            self.changed.notify_all()


def reader_paths():
    """One address for the home page, each section and each article, from the fixtures."""
    site = json.loads((ROOT / "fixtures/site.json").read_text())
    paths = ["/", *(f"/{section['slug']}/" for section in site["sections"])]
    for path in sorted((ROOT / "fixtures/articles").glob("*.json")):
        article = json.loads(path.read_text())
        paths.append(f"/{article['section']}/{article['slug']}/")
    return paths


def read(base_url, paths, offset, deadline, tally):
    index = offset
    while time.monotonic() < deadline:
        path, started, error = paths[index % len(paths)], time.monotonic(), None
        try:
            with urllib.request.urlopen(base_url + path, timeout=30) as response:
                response.read()
        except OSError as failure:
            error = f"{path}: {failure}"
        tally.record(time.monotonic() - started, error)
        index += 1


def edit(deadline, tally, every):
    """Publish a new revision of an article after every `every` reader requests."""
    from articles.models import ArticlePage

    article_ids = list(ArticlePage.objects.values_list("pk", flat=True))
    while time.monotonic() < deadline:
        with tally.changed:
            due = (tally.publishes + 1) * every
            tally.changed.wait_for(lambda due=due: len(tally.latencies) >= due, timeout=1)
            if len(tally.latencies) < due:
                continue
        article = ArticlePage.objects.get(pk=article_ids[tally.publishes % len(article_ids)])
        article.standfirst = article.standfirst.rstrip() + " "
        article.save_revision(log_action=True).publish()
        tally.publishes += 1


def run(base_url, readers, seconds, every):
    tally, paths = Tally(), reader_paths()
    deadline = time.monotonic() + seconds
    threads = [
        threading.Thread(target=read, args=(base_url, paths, n, deadline, tally))
        for n in range(readers)
    ]
    for thread in threads:
        thread.start()
    edit(deadline, tally, every)
    for thread in threads:
        thread.join()
    return report(tally, readers, seconds)


def report(tally, readers, seconds):
    percentiles = statistics.quantiles(tally.latencies, n=100) if len(tally.latencies) > 1 else []
    milliseconds = [round(value * 1000) for value in percentiles]
    return {
        "readers": readers,
        "seconds": seconds,
        "requests": len(tally.latencies),
        "requests_per_second": round(len(tally.latencies) / seconds, 1),
        "errors": len(tally.errors),
        "first_errors": tally.errors[:5],
        "publishes": tally.publishes,
        "p50_ms": milliseconds[49] if milliseconds else None,
        "p95_ms": milliseconds[94] if milliseconds else None,
        "max_ms": round(max(tally.latencies, default=0) * 1000),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--readers", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--publish-every", type=int, default=50)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir:
        site = LiveSite(Path(workdir), name="loadtest").start()
        try:
            os.environ.update(site.env)
            import django

            django.setup()
            result = run(site.url, options.readers, options.seconds, options.publish_every)
        finally:
            site.stop()
    print(json.dumps(result))
    return 1 if result["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
