"""The cache's Redis connection, failing fast: once Redis has not answered, the process leaves it alone a while.

With a socket timeout alone, a Redis that is frozen (the connection accepted, no answer) costs every cache call
its full timeout, and a page makes several (the rate limit's add and incr, the content version's get and add):
a registration would wait seconds. After one failure this connection refuses at once for
``CACHE_RETRY_SECONDS``; the cache ignores the error (``IGNORE_EXCEPTIONS``), so the page goes on without it.
One process's pause never touches another's.
"""

import time

from django.conf import settings
from redis import Connection
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError


class _Pause:
    """When this process may try Redis again (time.monotonic())."""

    until = 0.0

    @classmethod
    def start(cls) -> None:
        cls.until = time.monotonic() + settings.CACHE_RETRY_SECONDS

    @classmethod
    def active(cls) -> bool:
        return time.monotonic() < cls.until


class FailFastCacheConnection(Connection):
    """A redis-py connection that refuses to connect during a pause begun by a failure of any connection."""

    def _connect(self):
        if _Pause.active():
            raise RedisConnectionError("the cache did not answer a moment ago; not tried again yet")
        try:
            return super()._connect()
        except OSError:
            _Pause.start()
            raise

    def read_response(self, *args, **kwargs):
        try:
            return super().read_response(*args, **kwargs)
        except (RedisConnectionError, RedisTimeoutError, OSError):
            _Pause.start()
            raise
