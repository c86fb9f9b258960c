"""CSRF protection for every state-changing request.

A random token lives in the signed session cookie; every form carries it in a
hidden ``csrf_token`` field (or the ``X-CSRF-Token`` header for scripts). A
POST without the right token is refused before any view runs.
"""

from __future__ import annotations

import hmac
import secrets

from flask import Flask, abort, request, session

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
FIELD = "csrf_token"
#: Endpoints whose POST carries its own proof instead (a signed one-click unsubscribe token,
#: posted by a mail program without cookies, RFC 8058). Keep it short.
EXEMPT: set[str] = set()


def exempt_from_csrf(endpoint: str) -> None:
    """Let ``endpoint`` take POSTs without the session's token: only for views that check a
    signed token of their own (:mod:`pnyx.notifications.unsubscribe`)."""
    EXEMPT.add(endpoint)


def csrf_token() -> str:
    """The session's token, created on first use (templates: ``{{ csrf_token() }}``)."""
    if FIELD not in session:
        session[FIELD] = secrets.token_urlsafe(32)
    return session[FIELD]


def check_csrf() -> None:
    if request.method in SAFE_METHODS or request.endpoint in EXEMPT:
        return
    expected = session.get(FIELD)
    given = request.form.get(FIELD) or request.headers.get("X-CSRF-Token")
    if not expected or not given or not hmac.compare_digest(expected, given):
        abort(400, description="csrf")


def init_csrf(app: Flask) -> None:
    app.before_request(check_csrf)
    app.jinja_env.globals["csrf_token"] = csrf_token
