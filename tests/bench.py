"""The benchmark behind `make bench`: a production-like server on its own database, filled with
generated articles, measured with wrk; each page's throughput is shown against a static file's."""

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

from tests.live_server import LiveSite

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}
BYPASS = "Cookie: sessionid=benchmark"  # any session cookie skips the page cache: a cold render


def wrk(url, seconds, connections, header=None):
    """Requests per second, p50 and p99 latency (ms) for `url`."""
    command = [
        "wrk",
        f"-t{min(2, connections)}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--latency",
        url,
    ]
    output = subprocess.run(
        [*command, *(["-H", header] if header else [])], capture_output=True, text=True, check=True
    ).stdout
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


def targets(site, article):
    """(name, path, header, one connection?) per measurement; routes not built yet are left out.

    Throughput is measured under load; a cold page's render time with one connection at a time.
    """
    rows = [
        ("static file", stylesheet(site), None, False),
        ("home (warm)", "/", None, False),
        ("section (warm)", "/chronic-pain/", None, False),
        ("article (warm)", article, None, False),
        ("home (cold)", "/", BYPASS, False),
        ("section (cold)", "/chronic-pain/", BYPASS, False),
        ("article (cold)", article, BYPASS, False),
        ("article render", article, BYPASS, True),
        ("search (cold)", "/search/?q=chronic+pain", BYPASS, False),
        ("search render", "/search/?q=chronic+pain", BYPASS, True),
    ]
    return [row for row in rows if exists(site.url + row[1])]


def measure(site, rows, seconds, connections):
    print(f"{'page':<16}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'× static':>10}")
    static = None
    for name, path, header, alone in rows:
        urllib.request.urlopen(site.url + path, timeout=30).read()
        rps, p50, p99 = wrk(site.url + path, seconds, 1 if alone else connections, header)
        static = static or rps
        print(f"{name:<16}{rps:>9.0f}{p50:>9.1f}{p99:>9.1f}{rps / static:>10.2f}", flush=True)


def check_sitemap(site):
    """Time the sitemap index and each sitemap it lists; all must be valid and under a second."""
    if not exists(site.url + "/sitemap.xml"):
        print("sitemap: /sitemap.xml is not routed; skipped")
        return
    index = fetch_timed(site.url + "/sitemap.xml")
    pages = re.findall(r"<loc>([^<]+)</loc>", index[1])
    timings = [fetch_timed(url.replace(site.env["BASE_URL"], site.url))[0] for url in pages]
    print(f"sitemap: index {index[0]:.0f} ms, {len(pages)} sitemaps, slowest {max(timings):.0f} ms")


def fetch_timed(url):
    """Milliseconds to build and fetch `url` past the page cache, and the body."""
    request = urllib.request.Request(url, headers=dict([BYPASS.split(": ")]))
    started = time.monotonic()
    body = urllib.request.urlopen(request, timeout=60).read().decode()
    return (time.monotonic() - started) * 1000, body


def tune(site, combos, seconds, connections, article):
    """Warm and cold article throughput for each workers×threads combination."""
    for combo in combos:
        workers, threads = (int(n) for n in combo.split("x"))
        site.env["GUNICORN_THREADS"] = str(threads)
        site.start(workers=workers)
        warm = wrk(site.url + article, seconds, connections)[0]
        cold = wrk(site.url + article, seconds, connections, BYPASS)[0]
        print(
            f"{workers} workers × {threads} threads: warm {warm:.0f} req/s, cold {cold:.0f} req/s"
        )
        site.stop()


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
    site = LiveSite(workdir, name=f"{database}_bench", port=args.port, PAGE_CACHE_SECONDS="3600")
    site.prepare()
    print(site.manage("generate_articles", str(args.articles)).strip(), flush=True)
    site.shares_database = True
    article = "/chronic-pain/anxiety-and-chronic-pain/"
    tune(site, args.tune, args.seconds, args.connections, article)
    site.env["GUNICORN_THREADS"] = str(args.threads)
    site.start(workers=args.workers)
    print(f"{args.workers} workers × {args.threads} threads", flush=True)
    try:
        measure(site, targets(site, article), args.seconds, args.connections)
        if exists(site.url + "/sitemap.xml") and args.sitemap_articles > args.articles:
            extra = str(args.sitemap_articles - args.articles)
            print(site.manage("generate_articles", extra).strip(), flush=True)
        check_sitemap(site)
    finally:
        site.stop()


if __name__ == "__main__":
    main()
