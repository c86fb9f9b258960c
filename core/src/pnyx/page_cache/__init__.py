"""The app as its own shared cache for public anonymous pages (issue 13; docs/caching.md).

Each app process keeps the public answers :mod:`pnyx.web.caching` marks (anonymous,
cookie-less ``200`` GETs) in an LRU bounded by ``PNYX_PAGE_CACHE_MB`` (``0``: off) for at
most ``PNYX_PUBLIC_CACHE_SECONDS`` (what proxies are promised), and answers repeated views
from it before Flask runs (:mod:`.middleware`). Every committed write that may change a
public page renews a generation shared by all processes (:mod:`.generation`,
:mod:`.writes`), which empties every process's stored pages at its next request.
"""

from __future__ import annotations

import logging
from pathlib import Path

from flask import Flask

from pnyx.db import get_database
from pnyx.i18n import LOCALE_COOKIE
from pnyx.page_cache.generation import FileGeneration, GenerationStore, RedisGeneration
from pnyx.page_cache.middleware import CACHE_HEADER, PUBLIC_MARK, PageCacheMiddleware
from pnyx.page_cache.store import PageCache
from pnyx.page_cache.writes import watch_writes

__all__ = ["CACHE_HEADER", "PUBLIC_MARK", "init_page_cache", "page_cache_bytes"]

log = logging.getLogger(__name__)
EXTENSION_KEY = "pnyx.page_cache"


def page_cache_bytes(app: Flask) -> int:
    """The cache's bound in bytes; ``0`` when it is off (no size, or no public max-age)."""
    megabytes = float(app.config.get("PAGE_CACHE_MB") or 0)
    seconds = int(app.config.get("PUBLIC_CACHE_SECONDS") or 0)
    return int(megabytes * 1024 * 1024) if megabytes > 0 and seconds > 0 else 0


def generation_store(app: Flask) -> GenerationStore | None:
    """Redis when configured, else the instance folder's file (``None``: not writable)."""
    if app.config.get("REDIS_URL"):
        return RedisGeneration(app.config["REDIS_URL"])
    store = FileGeneration(Path(app.config["INSTANCE_PATH"]))
    try:
        store.check()
    except OSError as error:
        log.warning("page cache turned off: %s", error)
        return None
    return store


def init_page_cache(app: Flask) -> PageCache | None:
    """Wrap the app (call it last: hits must skip every other layer) when the cache is on."""
    max_bytes = page_cache_bytes(app)
    generations = generation_store(app) if max_bytes else None
    if generations is None:
        return None
    database = get_database(app)
    watch_writes([database.sessionmaker, database.write_sessionmaker], generations.bump)
    cache = PageCache(max_bytes, int(app.config["PUBLIC_CACHE_SECONDS"]), generations)
    app.extensions[EXTENSION_KEY] = cache
    app.wsgi_app = PageCacheMiddleware(app.wsgi_app, cache, LOCALE_COOKIE)  # type: ignore[method-assign]
    return cache
