"""Caching headers for anonymous pages (issue 13), so a proxy can serve repeated views.

A GET answered ``200`` to someone who is not signed in, whose session is empty
and unchanged (no cookie is set: the language switcher is a GET form and no
CSRF token was made), is marked ``Cache-Control: public, max-age=N``
(``PNYX_PUBLIC_CACHE_SECONDS``, default 60; 0 turns it off) with a strong
``ETag``; a request whose ``If-None-Match`` matches gets ``304 Not Modified``
and no body. Pages vary with ``Accept-Language`` and with the language
cookie (``Vary: Accept-Language, Cookie``; visitors without cookies share one
copy). Anything else (signed-in pages, forms with a token, streamed files,
responses that chose their own ``Cache-Control``) is left alone.
"""

from __future__ import annotations

from flask import Flask, current_app, g, request, session
from flask_babel import get_locale
from werkzeug.wrappers import Response

from pnyx.i18n import organization_locales

CACHEABLE_METHODS = frozenset({"GET", "HEAD"})
#: Set on a public answer's WSGI environ for the app's page cache (pnyx.page_cache): the
#: locale it was rendered in and the organization's (default, available) locales.
PUBLIC_MARK = "pnyx.page_cache.public"


def is_public(response: Response) -> bool:
    return (
        request.method in CACHEABLE_METHODS
        and response.status_code == 200
        and g.get("user") is None
        and not session
        and not session.modified
        and "Cache-Control" not in response.headers
        and "Set-Cookie" not in response.headers
        and not response.is_streamed
        and not response.direct_passthrough
    )


def cache_public_pages(response: Response) -> Response:
    seconds = int(current_app.config.get("PUBLIC_CACHE_SECONDS") or 0)
    if seconds <= 0 or not is_public(response):
        return response
    response.cache_control.public = True
    response.cache_control.max_age = seconds
    response.vary.add("Accept-Language")
    response.vary.add("Cookie")
    response.add_etag()
    _mark_for_page_cache()
    return response.make_conditional(request)


def _mark_for_page_cache() -> None:
    """Tell the app's page cache (pnyx.page_cache) this answer is public, in which language
    it was rendered and which languages the organization offers (to negotiate the next)."""
    default, available = organization_locales()
    request.environ[PUBLIC_MARK] = (str(get_locale()), default, tuple(available))


def init_caching(app: Flask) -> None:
    app.after_request(cache_public_pages)
