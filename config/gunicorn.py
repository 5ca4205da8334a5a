"""gunicorn settings for a small machine: a few workers, each with a few threads.

Chosen by measurement (`make bench` with `--tune`, 2-core AMD EPYC VM, 10,000 articles on
PostgreSQL, page cache in Redis with each worker's near copies, wrk with 16 connections,
article page): 2 workers × 4 threads served 3,615 req/s warm and 107 cold; 3 × 2 served 3,272
and 106; 4 × 1 served 3,142 and 111; 6 × 1 served 3,305 and 109. Warm pages are answered from
each worker's memory, so every choice serves them about equally (the spread is run-to-run
noise); rendering is CPU-bound Python, so processes serve cold pages at least as well as
threads, and four single-threaded workers on two cores also cover a worker blocked on the
database.
"""

import os

# Importing the settings also reads the site's `.env` file into the environment.
from config.settings import TRUSTED_PROXIES

workers = int(os.environ.get("WEB_CONCURRENCY", "4"))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
accesslog = "-"
# The same proxies the site believes about the reader's address (config/proxies.py).
forwarded_allow_ips = ",".join(str(network) for network in TRUSTED_PROXIES)
timeout = 30
# The runtime control socket sits at one path per user, so a second server on the same machine
# would take it over; nothing here uses it.
control_socket_disable = True
