"""The content generation: a token every app process reads before serving a stored page.

Any committed write that may change a public page replaces it, so every process sees that
its stored pages are older than the data (:mod:`pnyx.page_cache.writes` decides which writes
count). Two stores, both shared by every process of the instance and cheap to read:

- Redis (``PNYX_REDIS_URL``): one ``GET`` per request, one ``SET`` per write; for instances
  whose processes run on several machines.
- Without Redis, a small file in the instance folder, replaced atomically by a new random
  token (one ``open``/``read`` per request): the processes of one machine share it, which is
  always the case of the embedded SQLite default (its database is a local file too).

A store that cannot be read answers ``None``: the request is then served by the app, never
from a page that might be stale.
"""

from __future__ import annotations

import logging
import os
import secrets
import time
from pathlib import Path
from typing import Protocol

log = logging.getLogger(__name__)

REDIS_KEY = "pnyx:page-cache:generation"
#: After Redis failed to answer, it is not asked again for this long (the app serves every
#: page meanwhile): a Redis down must not add its connection timeout to every request.
REDIS_RETRY_SECONDS = 5.0
FILE_NAME = "page-cache-generation"


class GenerationStore(Protocol):
    def read(self) -> str | None: ...

    def bump(self) -> None: ...


class FileGeneration:
    """A random token in a file of the instance folder, replaced whole on every bump."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / FILE_NAME

    def read(self) -> str | None:
        try:
            with open(self.path, "rb") as file:
                return file.read(64).decode("ascii")
        except (OSError, UnicodeDecodeError):
            return None

    def bump(self) -> None:
        # A new random token, not a counter: two processes bumping at once need no lock,
        # and whichever replacement wins differs from every token read before it.
        temporary = self.path.with_name(f"{FILE_NAME}.{os.getpid()}.{secrets.token_hex(4)}")
        try:
            temporary.write_text(secrets.token_hex(16), encoding="ascii")
            os.replace(temporary, self.path)
        except OSError as error:
            log.warning("page cache: could not renew %s: %s", self.path, error)
            temporary.unlink(missing_ok=True)

    def check(self) -> None:
        """Create the file if needed; raise ``OSError`` if the folder is not writable."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if self.read() is None:
            self.bump()
        if self.read() is None:
            raise OSError(f"{self.path} cannot be written")


class RedisGeneration:
    """A random token in Redis, like the file's (a counter would repeat its values after a
    Redis restart without persistence); the client is made per process (gunicorn forks)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._client = None
        self._pid = 0
        self._failed_at = -REDIS_RETRY_SECONDS

    def client(self):  # type: ignore[no-untyped-def]
        if self._client is None or self._pid != os.getpid():
            import redis  # the pnyx[redis] extra, checked at start-up when REDIS_URL is set

            self._client = redis.Redis.from_url(
                self.url, socket_timeout=0.5, socket_connect_timeout=0.5
            )
            self._pid = os.getpid()
        return self._client

    def read(self) -> str | None:
        from redis.exceptions import RedisError

        if time.monotonic() - self._failed_at < REDIS_RETRY_SECONDS:
            return None
        try:
            value = self.client().get(REDIS_KEY)
        except RedisError as error:
            self._failed_at = time.monotonic()
            log.warning("page cache: Redis unreachable, pages served by the app: %s", error)
            return None
        return value.decode("ascii") if value is not None else "none"

    def bump(self) -> None:
        from redis.exceptions import RedisError

        try:
            self.client().set(REDIS_KEY, secrets.token_hex(16))
        except RedisError as error:
            log.warning("page cache: could not bump the generation in Redis: %s", error)
