"""The WSGI middleware around the whole app: repeated anonymous views are answered from
the process's stored pages before Flask builds a request, opens a session or renders.

Only a ``GET`` or ``HEAD`` without an ``Authorization`` header and without any cookie but
the language switcher's may be served or stored; anything else goes straight to the app.
A miss runs the app as usual; its answer is stored when the app marked it public
(:mod:`pnyx.web.caching`: ``200``, nobody signed in, no session, ``Cache-Control: public``,
an ``ETag``) and its language is the one this middleware negotiated for the request.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from typing import Any

from werkzeug.http import parse_cookie, parse_etags, unquote_etag
from werkzeug.wsgi import ClosingIterator

from pnyx.page_cache.store import PageCache, StoredPage, page_key
from pnyx.web.caching import PUBLIC_MARK

CACHE_HEADER = "X-Pnyx-Cache"
#: What the key stands for (the language): a page varying with anything else is not stored.
KEYED_VARY = frozenset({"accept-language", "cookie"})
#: What a ``304`` repeats of the full answer (RFC 9110 §15.4.5).
NOT_MODIFIED_HEADERS = frozenset({"cache-control", "etag", "vary", "expires", "date"})

WSGIApp = Callable[[dict[str, Any], Any], Iterable[bytes]]


def _only_language_cookie(environ: dict[str, Any], locale_cookie: str) -> tuple[bool, str | None]:
    """Whether the request's cookies are at most the language switcher's, and its value."""
    raw = environ.get("HTTP_COOKIE")
    if not raw:
        return True, None
    cookies = parse_cookie(raw)  # the parser the app uses: both see the same cookies
    if set(cookies) - {locale_cookie}:
        return False, None
    return True, cookies.get(locale_cookie)


class PageCacheMiddleware:
    def __init__(self, wsgi_app: WSGIApp, cache: PageCache, locale_cookie: str) -> None:
        self.wsgi_app = wsgi_app
        self.cache = cache
        self.locale_cookie = locale_cookie

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        method = environ.get("REQUEST_METHOD")
        if method not in ("GET", "HEAD") or "HTTP_AUTHORIZATION" in environ:
            return self.wsgi_app(environ, start_response)
        anonymous, locale_cookie = _only_language_cookie(environ, self.locale_cookie)
        if not anonymous:
            return self.wsgi_app(environ, start_response)
        generation = self.cache.current_generation()
        if generation is None:  # the shared generation cannot be read: never risk a stale page
            return self.wsgi_app(environ, start_response)
        accept_language = environ.get("HTTP_ACCEPT_LANGUAGE", "")
        language = self.cache.language(locale_cookie, accept_language)
        if language is not None:
            page = self.cache.get(page_key(environ, language))
            if page is not None:
                return serve(page, environ, start_response)
        return self.render(environ, start_response, generation, locale_cookie)

    def render(
        self, environ: dict[str, Any], start_response: Any, generation: str, cookie: str | None
    ) -> Iterable[bytes]:
        captured: list[Any] = []

        def capture(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            captured[:] = [status, headers, exc_info]
            return lambda _data: None  # the legacy write(): Flask never calls it

        body = self.wsgi_app(environ, capture)
        status, headers, exc_info = captured
        stored = self.store(environ, generation, cookie, status, headers, body)
        if stored is None:
            headers = [*headers, (CACHE_HEADER, "pass")] if PUBLIC_MARK in environ else headers
            start_response(status, headers, exc_info)
            return body
        return ClosingIterator(serve(stored, environ, start_response, "miss"), _closer(body))

    def store(
        self,
        environ: dict[str, Any],
        generation: str,
        cookie: str | None,
        status: str,
        headers: list[tuple[str, str]],
        body: Iterable[bytes],
    ) -> StoredPage | None:
        """Read and store the app's answer if it is public; ``None`` if it is not."""
        mark = environ.get(PUBLIC_MARK)
        if mark is None or environ["REQUEST_METHOD"] != "GET" or not status.startswith("200"):
            return None
        rendered_locale, default, available = mark
        self.cache.learn_locales(generation, default, available)
        language = self.cache.language(cookie, environ.get("HTTP_ACCEPT_LANGUAGE", ""))
        names = {name.lower(): value for name, value in headers}
        if (
            language != rendered_locale
            or "set-cookie" in names
            or "public" not in names.get("cache-control", "")
            or "etag" not in names
            or not _varies_only_with_the_key(names.get("vary", ""))
        ):
            return None
        page = StoredPage(
            headers=tuple(headers),
            body=_read(body),
            etag=unquote_etag(names["etag"])[0],
            stored_at=time.monotonic(),
        )
        self.cache.put(generation, page_key(environ, language), page)
        return page


def _read(body: Iterable[bytes]) -> bytes:
    try:
        return b"".join(body)
    except BaseException:
        for close in _closer(body):
            close()
        raise


def _varies_only_with_the_key(vary: str) -> bool:
    names = (part.strip().lower() for part in vary.split(","))
    return all(name in KEYED_VARY for name in names if name)


def _closer(body: Iterable[bytes]) -> list[Callable[[], None]]:
    # Closing the app's answer runs its inline jobs (pnyx.jobs): when the server closes ours.
    close = getattr(body, "close", None)
    return [close] if close is not None else []


def serve(
    page: StoredPage, environ: dict[str, Any], start_response: Any, outcome: str = "hit"
) -> list[bytes]:
    """The stored answer: ``304`` if the client holds it, no body for ``HEAD``."""
    age = str(int(time.monotonic() - page.stored_at))
    extra = [("Age", age), (CACHE_HEADER, outcome)]
    if_none_match = environ.get("HTTP_IF_NONE_MATCH")
    if if_none_match and parse_etags(if_none_match).contains_weak(page.etag):
        kept = [(n, v) for n, v in page.headers if n.lower() in NOT_MODIFIED_HEADERS]
        start_response("304 Not Modified", kept + extra)
        return []
    start_response("200 OK", [*page.headers, *extra])
    return [] if environ.get("REQUEST_METHOD") == "HEAD" else [page.body]
