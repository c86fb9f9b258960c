"""Security headers on every response (DESIGN.md §6: self-hosted assets only).

The Content-Security-Policy allows only the site itself: no inline script or
style, no CDN, no external font, and no framing by any site (clickjacking).
Templates therefore never use ``style=""`` attributes, ``<style>`` or inline
``<script>``; the browser tests fail on any CSP violation.
"""

from __future__ import annotations

from flask import Flask, current_app, g, request
from werkzeug.wrappers import Response

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "img-src 'self'",
        "style-src 'self'",
        "script-src 'self'",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)

#: Powerful browser features no page of Pnyx uses: refused to every origin, this one included.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
)

HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": PERMISSIONS_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}

#: Production runs behind HTTPS: browsers must never come back over plain HTTP for a year.
#: Not sent in development, where it would break http://127.0.0.1 for every other local site.
STRICT_TRANSPORT_SECURITY = "max-age=31536000; includeSubDomains"


#: A page shown to a signed-in person is theirs alone: no shared cache (a proxy, a CDN)
#: and no browser cache (a shared computer's back button after signing out) keeps it.
SIGNED_IN_CACHE_CONTROL = "private, no-store"


def add_security_headers(response: Response) -> Response:
    """Add the headers a view did not set itself (a view may set a stricter policy)."""
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    if current_app.config.get("ENV") == "production":
        response.headers.setdefault("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY)
    if g.get("user") is not None and not _is_shared_asset(response):
        # Whatever a view or a caching layer set: a personal page is never stored.
        response.headers["Cache-Control"] = SIGNED_IN_CACHE_CONTROL
        response.vary.add("Cookie")
    return response


def _is_shared_asset(response: Response) -> bool:
    """Static files, and what a view declares the same for everyone (``public``) that is not
    a page (the organization's stylesheet and logo): they keep their own caching."""
    if _is_static_file():
        return True
    return bool(response.cache_control.public) and response.mimetype != "text/html"


def _is_static_file() -> bool:
    endpoint = request.endpoint or ""
    return endpoint == "static" or endpoint.endswith(".static")


def init_security(app: Flask) -> None:
    app.after_request(add_security_headers)
