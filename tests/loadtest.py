"""Load test: many readers and one editor at once against a gunicorn-served copy of the site,
while its Redis goes away and comes back.

    python -m tests.loadtest --readers 50 --seconds 60 --publishes 20 --outages 2

Starts its own site (a fresh database, as tests/live_server.py sets up) with its page cache in
Redis behind a relay (tests/tcp_proxy.py). Reader threads fetch every page type in turn while an
editor publishes a new edition of an article `--publishes` times, evenly over the run, and
Redis is cut off `--outages` times (refusing connections, then black-holing them, in turn) and
restored. Prints one JSON line: request count, errors, reads of an article older than its last
finished publish, and latency percentiles in milliseconds, with Redis answering and not. Exits
non-zero on any error, failed publish, or stale read while Redis answered.
"""

import argparse
import json
import os
import re
import statistics
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import redis

from tests.live_server import ROOT, LiveSite
from tests.tcp_proxy import TcpProxy

EDITION = re.compile(r" ?Edition \d+ of [\w-]+\.")
EDITED_ARTICLES = 4
OUTAGE_SHARE = 0.15  # of the run, per outage
REDIS_URL = "redis://127.0.0.1:6379/9"  # emptied at the start of each run


class Tally:
    """What the readers and the editor did, shared between their threads."""

    def __init__(self):
        self.lock = threading.Lock()
        self.redis_up = True
        self.latencies = {"redis_up": [], "redis_out": []}
        self.stale = {"redis_up": 0, "redis_out": 0}
        self.errors, self.publishes, self.editions = [], 0, {}

    def phase(self):
        return "redis_up" if self.redis_up else "redis_out"

    def edition_due(self, path):
        """The edition of `path` whose publish has finished, 0 before any."""
        return self.editions.get(path, 0)

    def record(self, phase, seconds, error=None, stale=False):
        with self.lock:
            self.latencies[phase].append(seconds)
            self.stale[phase] += stale
            if error:
                self.errors.append(error)


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
        path, phase, started = paths[index % len(paths)], tally.phase(), time.monotonic()
        due, error, stale = tally.edition_due(path), None, False
        try:
            with urllib.request.urlopen(base_url + path, timeout=30) as response:
                stale = edition_shown(path, response.read().decode()) < due
        except OSError as failure:
            error = f"{path}: {failure}"
        tally.record(phase, time.monotonic() - started, error, stale)
        index += 1


def edition_shown(path, html):
    """The edition of the article at `path` that `html` shows, 0 before any."""
    slug = path.rstrip("/").rsplit("/", 1)[-1]
    found = re.search(rf"Edition (\d+) of {re.escape(slug)}\.", html)
    return int(found[1]) if found else 0


def schedule(seconds, publishes, outages, relay):
    """(seconds from the start, action) for every publish, cut and restore, in order."""
    events = [((n + 1) * seconds / (publishes + 1), n + 1) for n in range(publishes)]
    for n in range(outages):
        cut_at = seconds * (0.15 + 0.8 * n / outages)
        events.append((cut_at, relay.close if n % 2 == 0 else relay.black_hole))
        events.append((cut_at + seconds * OUTAGE_SHARE, relay.open))
    return sorted(events, key=lambda event: event[0])


def edit(started, events, tally, relay, paths):
    """Publish editions of a few articles and cut Redis off, each at its time."""
    from articles.models import ArticlePage

    edited = [(path, ArticlePage.objects.get(url_path__endswith=path)) for path in paths]
    for at, action in events:
        time.sleep(max(0, started + at - time.monotonic()))
        if not isinstance(action, int):
            tally.redis_up = action == relay.open
            action()
            continue
        path, article = edited[action % len(edited)]
        edition = f" Edition {action} of {article.slug}."
        article.standfirst = EDITION.sub("", article.standfirst) + edition
        try:
            article.save_revision(log_action=True).publish()
            tally.editions[path] = action
            tally.publishes += 1
        except Exception as failure:  # a failed publish is counted, and the run goes on
            tally.errors.append(f"publish {action}: {failure}")


def run(base_url, relay, options):
    tally, paths = Tally(), reader_paths()
    started = time.monotonic()
    deadline = started + options.seconds
    threads = [
        threading.Thread(target=read, args=(base_url, paths, n, deadline, tally))
        for n in range(options.readers)
    ]
    for thread in threads:
        thread.start()
    events = schedule(options.seconds, options.publishes, options.outages, relay)
    edited = [path for path in paths if path.count("/") == 3][:EDITED_ARTICLES]
    edit(started, events, tally, relay, edited)
    for thread in threads:
        thread.join()
    return report(tally, options)


def percentile(latencies, n):
    if len(latencies) < 2:
        return None
    return round(statistics.quantiles(latencies, n=100)[n - 1] * 1000)


def report(tally, options):
    everything = tally.latencies["redis_up"] + tally.latencies["redis_out"]
    return {
        "readers": options.readers,
        "seconds": options.seconds,
        "requests": len(everything),
        "requests_per_second": round(len(everything) / options.seconds, 1),
        "errors": len(tally.errors),
        "first_errors": tally.errors[:5],
        "publishes": tally.publishes,
        "outages": options.outages,
        "stale_reads_with_redis_up": tally.stale["redis_up"],
        "stale_reads_during_outages": tally.stale["redis_out"],
        "p50_ms": percentile(everything, 50),
        "p95_ms": percentile(everything, 95),
        "p95_ms_redis_up": percentile(tally.latencies["redis_up"], 95),
        "p95_ms_redis_out": percentile(tally.latencies["redis_out"], 95),
        "max_ms": round(max(everything, default=0) * 1000),
    }


def failed(result, options):
    return bool(
        result["errors"]
        or result["stale_reads_with_redis_up"]
        or result["publishes"] < options.publishes
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--readers", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--publishes", type=int, default=20)
    parser.add_argument("--outages", type=int, default=2)
    options = parser.parse_args()
    redis.Redis.from_url(REDIS_URL).flushdb()
    relay = TcpProxy("127.0.0.1", 6379).open()
    with tempfile.TemporaryDirectory() as workdir:
        site = LiveSite(Path(workdir), name="loadtest", REDIS_URL=relay.url_for(REDIS_URL))
        site.start()
        try:
            os.environ.update(site.env)
            import django

            django.setup()
            result = run(site.url, relay, options)
        finally:
            site.stop()
            relay.close()
    print(json.dumps(result))
    return 1 if failed(result, options) else 0


if __name__ == "__main__":
    sys.exit(main())
