"""gunicorn settings for a small machine: a few workers, each with a few threads.

Chosen by measurement (`make bench --tune`, 2-core Xeon, 10,000 articles on PostgreSQL, wrk
with 16 connections, article page): 2 workers × 4 threads served 3,062 req/s warm and 48 cold;
3 × 2 served 3,257 and 70; 4 × 1 served 4,068 and 69. Rendering is CPU-bound Python, so
processes beat threads; four single-threaded workers on two cores also cover a worker
blocked on the database.
"""

import os

workers = int(os.environ.get("WEB_CONCURRENCY", "4"))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
accesslog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
timeout = 30
# The runtime control socket sits at one path per user, so a second server on the same machine
# would take it over; nothing here uses it.
control_socket_disable = True
