"""The stored pages of one app process: an LRU bounded in bytes (cachetools), keyed by
address and language, emptied whenever the content generation changes."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Any

from cachetools import LRUCache
from werkzeug.datastructures import LanguageAccept
from werkzeug.http import parse_accept_header

from pnyx.page_cache.generation import GenerationStore

#: Bookkeeping bytes counted per page on top of its body and headers (the key, the object).
ENTRY_OVERHEAD = 400
#: Distinct Accept-Language headers whose negotiated language is remembered (per generation).
NEGOTIATED_HEADERS = 512
#: A single page may use at most this share of the cache, so that one huge answer never
#: evicts everything else.
LARGEST_SHARE = 8

Key = tuple[str, ...]


@dataclass(frozen=True, slots=True)
class StoredPage:
    """A public answer as the app gave it: ``200``, its headers (ETag included), its body."""

    headers: tuple[tuple[str, str], ...]
    body: bytes
    etag: str
    stored_at: float

    @property
    def size(self) -> int:
        header_bytes = sum(len(name) + len(value) for name, value in self.headers)
        return len(self.body) + header_bytes + ENTRY_OVERHEAD


def page_key(environ: dict[str, Any], language: str) -> Key:
    """Scheme, host, script root, path, query and language: everything the page depends on
    for a visitor without cookies (the app's ``Vary`` is ``Accept-Language, Cookie``, and the
    language stands for both)."""
    host = environ.get("HTTP_HOST") or f"{environ.get('SERVER_NAME')}:{environ.get('SERVER_PORT')}"
    return (
        environ.get("wsgi.url_scheme", "http"),
        host.lower(),
        environ.get("SCRIPT_NAME", ""),
        environ.get("PATH_INFO", ""),
        environ.get("QUERY_STRING", ""),
        language,
    )


class PageCache:
    """Pages stored under the current generation; thread-safe (gthread workers)."""

    def __init__(self, max_bytes: int, max_age: float, generations: GenerationStore) -> None:
        self.pages: LRUCache[Key, StoredPage] = LRUCache(
            maxsize=max_bytes, getsizeof=lambda page: page.size
        )
        self.max_age = max_age
        self.generations = generations
        self.generation: str | None = None
        #: The organization's (default, available) locales, as the app last saw them.
        self.locales: tuple[str, tuple[str, ...]] | None = None
        self.negotiated: LRUCache[str, str] = LRUCache(maxsize=NEGOTIATED_HEADERS)
        self.lock = threading.Lock()

    def current_generation(self) -> str | None:
        """Read the shared generation; forget everything stored under another one."""
        generation = self.generations.read()
        if generation != self.generation:
            with self.lock:
                self.pages.clear()
                self.negotiated.clear()
                self.locales = None
                self.generation = generation
        return generation

    def language(self, locale_cookie: str | None, accept_language: str) -> str | None:
        """The language the app would choose for a visitor who is not signed in
        (:func:`pnyx.i18n.select_locale`), or ``None`` before the locales are known."""
        locales = self.locales
        if locales is None:
            return None
        default, available = locales
        if locale_cookie in available:
            return locale_cookie
        language = self.negotiated.get(accept_language)
        if language is None:
            accepted = parse_accept_header(accept_language, LanguageAccept)
            language = accepted.best_match(available) or default
            with self.lock:
                self.negotiated[accept_language] = language
        return language

    def get(self, key: Key) -> StoredPage | None:
        with self.lock:
            page = self.pages.get(key)
        if page is None or time.monotonic() - page.stored_at >= self.max_age:
            return None
        return page

    def learn_locales(self, generation: str, default: str, available: tuple[str, ...]) -> None:
        with self.lock:
            if generation == self.generation:
                self.locales = (default, available)

    def put(self, generation: str, key: Key, page: StoredPage) -> bool:
        """Store ``page`` if nothing changed since its rendering began; whether it was stored."""
        if page.size * LARGEST_SHARE > self.pages.maxsize:
            return False
        with self.lock:
            if generation != self.generation:
                return False
            self.pages[key] = page
        return True
