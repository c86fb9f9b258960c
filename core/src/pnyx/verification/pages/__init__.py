"""Residents' verification pages: the list, then one page per core handler."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import current_app, request, url_for
from werkzeug.exceptions import HTTPException
from werkzeug.routing import RequestRedirect

from pnyx.web.auth import safe_next


def next_target() -> str | None:
    """Where to go after verifying: the page that asked, if it is a same-site page one can
    open. A refused form links here with its own address, which only accepts POST: going
    back there would answer "not allowed", so the verifications list is shown instead."""
    path = safe_next(request.values.get("next"), "")
    if not path:
        return None
    adapter = current_app.url_map.bind_to_environ(request.environ)
    try:
        adapter.match(urlsplit(path).path, method="GET")
    except RequestRedirect:
        return path
    except HTTPException:
        return None
    return path


def after_verification() -> str:
    return next_target() or url_for("pnyx_verification.index")
