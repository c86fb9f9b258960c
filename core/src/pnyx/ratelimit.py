"""Rate limits on the forms that attackers repeat: sign-in, sign-up, reset, resend.

Views declare their limits with :func:`rate_limit`; each app gets its own
Flask-Limiter from :func:`init_ratelimit`, and a limited view checks its limits
against the limiter of the app serving it, whenever its blueprint was
registered. Counters live in memory on the embedded default (one process) and
in Redis when ``PNYX_REDIS_URL`` is set, so that every app process behind a
load balancer shares them (DESIGN.md §9).

A limit's value is the name of a configuration key holding a limit string
(``"10/minute;50/hour"``), read on each request. ``failures_only`` limits
count only the requests where the view called :func:`count_failure` (a wrong
password), but refuse every request once exhausted, even a right password.
A refused request gets the friendly 429 page of ``pnyx.web.errors``.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import threading
from collections.abc import Callable
from typing import Any, TypeVar
from urllib.parse import urlsplit

import attrs
from flask import Flask, current_app, g, request
from flask_limiter import Limiter
from werkzeug.wrappers import Response

log = logging.getLogger(__name__)

F = TypeVar("F", bound=Callable[..., Any])
LIMITS_ATTRIBUTE = "pnyx_rate_limits"
UNLIMITED_ATTRIBUTE = "pnyx_unlimited_view"
EXTENSION_KEY = "pnyx.limiter"
CACHE_KEY = "pnyx.limiter.views"
LOCK_KEY = "pnyx.limiter.lock"
FAILURE_FLAG = "pnyx_rate_limit_failure"


@attrs.frozen
class RateLimit:
    """A limit declared on a view: ``config_key`` names the limit string."""

    config_key: str
    key: Callable[[], str]
    failures_only: bool = False


def rate_limit(
    config_key: str, key: Callable[[], str], *, failures_only: bool = False
) -> Callable[[F], F]:
    """Limit a view (put it above ``@requires``; several may be stacked).

    Only POST requests count: showing a form is never limited.
    """

    def decorator(view: F) -> F:
        inner = getattr(view, UNLIMITED_ATTRIBUTE, view)
        declared = (*getattr(view, LIMITS_ATTRIBUTE, ()), RateLimit(config_key, key, failures_only))

        @functools.wraps(inner)
        def limited(*args: Any, **kwargs: Any) -> Any:
            return limited_for_app(current_app, inner, declared)(*args, **kwargs)

        setattr(limited, LIMITS_ATTRIBUTE, declared)
        setattr(limited, UNLIMITED_ATTRIBUTE, inner)
        return limited  # type: ignore[return-value]

    return decorator


def count_failure() -> None:
    """Make this request count against the view's ``failures_only`` limits."""
    g.setdefault(FAILURE_FLAG, True)


def _failed(_response: Response) -> bool:
    return bool(g.get(FAILURE_FLAG))


def _digest(value: str) -> str:
    # Keys name no e-mail address in clear: Redis holds no personal data.
    return hashlib.sha256(value.encode()).hexdigest()[:32]


def by_address() -> str:
    """The client's IP address (behind a proxy, configure ProxyFix so it is the client's)."""
    return f"ip:{request.remote_addr or 'unknown'}"


def by_submitted_email() -> str:
    """The e-mail address typed in the form, whatever its case and spaces.

    An empty field falls back to the client's address: forms sent without an
    address would otherwise share one counter across every visitor.
    """
    email = request.form.get("email", "").strip().lower()
    return f"email:{_digest(email)}" if email else by_address()


def by_user() -> str:
    """The signed-in person (anonymous requests share one key; guards refuse them anyway)."""
    user = g.get("user")
    return f"user:{user.id if user is not None else 'anonymous'}"


def storage_uri(config: dict[str, Any]) -> str:
    """Redis when ``REDIS_URL`` is configured, else this process's memory."""
    return config.get("REDIS_URL") or "memory://"


def make_limiter(app: Flask) -> Limiter:
    uri = storage_uri(app.config)
    if uri == "memory://" and app.config.get("ENV") == "production":
        log.warning(
            "rate limits are kept in this process's memory: with several processes, set "
            "PNYX_REDIS_URL so that they share them"
        )
    return Limiter(
        key_func=by_address,
        app=app,
        storage_uri=uri,
        key_prefix="pnyx",
        headers_enabled=True,
        # When Redis does not answer, each process counts in its memory meanwhile, and an
        # error of the limiter is logged: neither stops people from signing in.
        in_memory_fallback_enabled=uri != "memory://",
        swallow_errors=True,
    )


def _limit_value(config_key: str) -> Callable[[], str]:
    return lambda: str(current_app.config[config_key])


def apply_limits(limiter: Limiter, view: Callable[..., Any]) -> Callable[..., Any]:
    """``view`` unchanged: views declared with :func:`rate_limit` limit themselves, whenever
    their blueprint was registered. (Kept for code written for the first version.)"""
    return view


def _with_limits(
    limiter: Limiter, view: Callable[..., Any], declared: tuple[RateLimit, ...]
) -> Callable[..., Any]:
    """``view`` wrapped by Flask-Limiter with each declared limit."""
    wrapped = view
    for limit in declared:
        wrapped = limiter.limit(
            _limit_value(limit.config_key),
            key_func=limit.key,
            methods=["POST"],
            deduct_when=_failed if limit.failures_only else None,
        )(wrapped)
    return wrapped


def limited_for_app(
    app: Flask, view: Callable[..., Any], declared: tuple[RateLimit, ...]
) -> Callable[..., Any]:
    """``view`` with its limits on ``app``'s limiter, built once per app and view."""
    cache: dict[Any, Callable[..., Any]] = app.extensions[CACHE_KEY]
    if view not in cache:
        with app.extensions[LOCK_KEY]:
            # Built once: registering a limit twice with Flask-Limiter would count twice.
            if view not in cache:
                cache[view] = _with_limits(app.extensions[EXTENSION_KEY], view, declared)
    return cache[view]


class _StorageProblems(logging.Handler):
    """Tell Pnyx's log (the app's logger, on stderr) when the limiter loses its Redis.

    Flask-Limiter writes to its own logger, which has only a ``NullHandler``: without this
    an outage of Redis went unseen while every process counted in its own memory.
    """

    def __init__(self, shown_url: str) -> None:
        super().__init__(logging.INFO)
        self.shown_url = shown_url

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if "unreachable" in message:
            log.error(
                "Redis (%s) is unreachable: rate limits are counted in each process's memory "
                "until it answers again",
                self.shown_url,
            )
        elif "recovered" in message:
            log.warning("Redis (%s) answers again: rate limits are shared again", self.shown_url)
        elif record.levelno >= logging.ERROR:
            log.error("rate limiter error (Redis %s): %s", self.shown_url, message)


def _watch_storage(app: Flask, limiter: Limiter) -> None:
    uri = storage_uri(app.config)
    if uri == "memory://":
        return
    shown = make_url_safe(uri)
    limiter.logger.handlers = [
        h for h in limiter.logger.handlers if not isinstance(h, _StorageProblems)
    ]
    limiter.logger.addHandler(_StorageProblems(shown))


def make_url_safe(uri: str) -> str:
    """The storage's address without its password, for logs."""
    parts = urlsplit(uri)
    if parts.password is None:
        return uri
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
    return parts._replace(netloc=netloc).geturl()


def init_ratelimit(app: Flask) -> Limiter:
    """Give ``app`` its limiter (views declared with :func:`rate_limit` use it)."""
    limiter = make_limiter(app)
    _watch_storage(app, limiter)
    app.extensions[EXTENSION_KEY] = limiter
    app.extensions[CACHE_KEY] = {}
    app.extensions[LOCK_KEY] = threading.Lock()
    return limiter
