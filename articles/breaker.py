"""Whether to ask Redis at all: a Redis that fails, or answers nothing, must cost a request at
most one short wait, not one per call. After a failure nobody in the process asks for
REST_SECONDS; then one caller tries again, and its outcome closes the breaker or opens it anew.
One breaker per Redis server and process, shared by the page cache, the near copies' subscription
and the change announcements, so that what one of them learns spares the others the wait.
"""

import functools
import logging
import threading
import time

from redis.exceptions import RedisError

REST_SECONDS = 5

logger = logging.getLogger(__name__)


class CircuitBreaker:
    def __init__(self):
        self._lock = threading.Lock()
        self._retry_at = None  # None while closed
        self.failures = 0

    def allows(self):
        """Whether to ask now: while closed, or once the rest after a failure is over."""
        retry_at = self._retry_at
        return retry_at is None or time.monotonic() >= retry_at

    def try_now(self):
        """Let the next call through, however lately Redis failed."""
        self.succeeded()

    def succeeded(self):
        if self._retry_at is not None:
            with self._lock:
                self._retry_at = None

    def failed(self, error):
        with self._lock:
            self._retry_at = time.monotonic() + REST_SECONDS
            self.failures += 1
        logger.warning("Redis unavailable, not asked again for %s s: %s", REST_SECONDS, error)

    def ask(self, call, otherwise):
        """`call()`'s answer, or `otherwise` when Redis fails now or failed lately."""
        if not self.allows():
            return otherwise
        try:
            answer = call()
        except RedisError as error:
            self.failed(error)
            return otherwise
        self.succeeded()
        return answer


@functools.cache
def breaker_for(url):
    """The process's breaker for the Redis server at `url`."""
    return CircuitBreaker()
