"""The benchmark behind `make bench`: production-like servers on their own database, filled with
generated articles, measured with wrk; each page's throughput is shown against a static file's.

Two servers share the database and Redis, as app servers do in production: one keeps a page cache
(the warm rows), the other has none, so every request it answers is rendered (the cold rows), as
for a reader the cache has not seen. Both keep the site-wide data in Redis, as production does.
"""

import argparse
import os
import re
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import urlsplit

import redis

from tests.live_server import LiveSite

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}
REDIS_URL = "redis://127.0.0.1:6379/6"  # emptied at the start of each run


def wrk(url, seconds, connections):
    """Requests per second, p50 and p99 latency (ms) for `url`."""
    command = [
        "wrk",
        f"-t{min(2, connections)}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--latency",
        url,
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    return rps, _percentile(output, "50"), _percentile(output, "99")


def _percentile(output, which):
    number, unit = re.search(rf"^\s+{which}%\s+([\d.]+)(us|ms|s)\s*$", output, re.M).groups()
    return float(number) * UNITS[unit]


def exists(url):
    try:
        with urllib.request.urlopen(url, timeout=30):
            return True
    except HTTPError:
        return False


def stylesheet(site):
    html = urllib.request.urlopen(site.url + "/", timeout=30).read().decode()
    return re.search(r'rel="stylesheet" href="([^"]+)"', html).group(1)


def targets(cached, uncached, article):
    """(name, URL, one connection?) per measurement; routes not built yet are left out.

    Throughput is measured under load; a cold page's render time with one connection at a time.
    """
    rows = [
        ("static file", cached.url + stylesheet(cached), False),
        ("home (warm)", cached.url + "/", False),
        ("section (warm)", cached.url + "/chronic-pain/", False),
        ("article (warm)", cached.url + article, False),
        ("home (cold)", uncached.url + "/", False),
        ("section (cold)", uncached.url + "/chronic-pain/", False),
        ("article (cold)", uncached.url + article, False),
        ("article render", uncached.url + article, True),
        ("search (cold)", uncached.url + "/search/?q=chronic+pain", False),
        ("search render", uncached.url + "/search/?q=chronic+pain", True),
    ]
    return [row for row in rows if exists(row[1])]


def measure(rows, seconds, connections):
    print(f"{'page':<16}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'× static':>10}")
    static = None
    for name, url, alone in rows:
        urllib.request.urlopen(url, timeout=30).read()
        rps, p50, p99 = wrk(url, seconds, 1 if alone else connections)
        static = static or rps
        print(f"{name:<16}{rps:>9.0f}{p50:>9.1f}{p99:>9.1f}{rps / static:>10.2f}", flush=True)


def check_sitemap(site):
    """Time the sitemap index and each sitemap it lists; all must be valid and under a second."""
    if not exists(site.url + "/sitemap.xml"):
        print("sitemap: /sitemap.xml is not routed; skipped")
        return
    index = fetch_timed(site.url + "/sitemap.xml")
    if "<sitemapindex" not in index[1]:
        urls = index[1].count("<loc>")
        print(f"sitemap: one sitemap of {urls} URLs, built in {index[0]:.0f} ms")
        return
    pages = re.findall(r"<loc>([^<]+)</loc>", index[1])
    on_site = [site.url + urlsplit(url)._replace(scheme="", netloc="").geturl() for url in pages]
    timings = [fetch_timed(url)[0] for url in on_site]
    print(f"sitemap: index {index[0]:.0f} ms, {len(pages)} sitemaps, slowest {max(timings):.0f} ms")


def fetch_timed(url):
    """Milliseconds to fetch `url`, and the body."""
    started = time.monotonic()
    body = urllib.request.urlopen(url, timeout=60).read().decode()
    return (time.monotonic() - started) * 1000, body


def tune(servers, combos, seconds, connections, article):
    """Warm and cold article throughput for each workers×threads combination."""
    cached, uncached = servers
    for combo in combos:
        workers, threads = (int(n) for n in combo.split("x"))
        start(servers, workers, threads)
        warm = wrk(cached.url + article, seconds, connections)[0]
        cold = wrk(uncached.url + article, seconds, connections)[0]
        print(
            f"{workers} workers × {threads} threads: warm {warm:.0f} req/s, cold {cold:.0f} req/s"
        )
        stop(servers)


def start(servers, workers, threads):
    for server in servers:
        server.env["GUNICORN_THREADS"] = str(threads)
        server.start(workers=workers)


def stop(servers):
    for server in servers:
        server.stop()


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--sitemap-articles", type=int, default=60_000)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--port", type=int, default=None)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--tune", nargs="*", default=[], help="workers×threads, e.g. 2x4 3x2")
    return parser.parse_args()


def main():
    args = parse_arguments()
    workdir = Path(tempfile.mkdtemp(prefix="bench-"))
    database = urlsplit(os.environ.get("DATABASE_URL", "")).path.strip("/") or "library"
    redis.Redis.from_url(REDIS_URL).flushdb()
    shared = {"REDIS_URL": REDIS_URL}
    cached = LiveSite(
        workdir, name=f"{database}_bench", port=args.port, PAGE_CACHE_SECONDS="3600", **shared
    )
    cached.prepare()
    print(cached.manage("generate_articles", str(args.articles)).strip(), flush=True)
    cached.shares_database = True
    uncached = LiveSite(
        workdir, database_url=cached.env["DATABASE_URL"], PAGE_CACHE_SECONDS="0", **shared
    )
    servers = (cached, uncached)
    article = "/chronic-pain/anxiety-and-chronic-pain/"
    tune(servers, args.tune, args.seconds, args.connections, article)
    start(servers, args.workers, args.threads)
    print(f"{args.workers} workers × {args.threads} threads", flush=True)
    try:
        measure(targets(cached, uncached, article), args.seconds, args.connections)
        if exists(uncached.url + "/sitemap.xml") and args.sitemap_articles > args.articles:
            extra = str(args.sitemap_articles - args.articles)
            print(cached.manage("generate_articles", extra).strip(), flush=True)
        check_sitemap(uncached)
    finally:
        stop(servers)


if __name__ == "__main__":
    main()
