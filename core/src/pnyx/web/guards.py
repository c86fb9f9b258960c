"""Route guards: every view declares the action it needs.

``@requires("hello.post")`` records the action on the view (a test walks the
URL map and fails on a view without one) and checks it on each request
against the current component or space, through the permission engine.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar
from urllib.parse import urlsplit

from flask import abort, g, redirect, request, url_for
from werkzeug.wrappers import Response

from pnyx.permissions import Decision, decide
from pnyx.web.components import component_url

F = TypeVar("F", bound=Callable[..., Any])
ACTION_ATTRIBUTE = "pnyx_action"


def current_target() -> Any:
    """What a component or space route acts on: the current component, else space."""
    return g.get("component") or g.get("space")


def current_path() -> str:
    """A path to come back to after signing in or verifying: this page.

    For a GET, the path and query of this request (without Werkzeug's trailing
    "?"). A form's POST address cannot be opened again, so for other methods it
    is the same-site page that sent the form, else the current component or
    space page, else the home page.
    """
    if request.method in ("GET", "HEAD"):
        return request.full_path.rstrip("?")
    referrer = urlsplit(request.referrer or "")
    if referrer.netloc == request.host and referrer.path.startswith("/"):
        return referrer.path + (f"?{referrer.query}" if referrer.query else "")
    component = g.get("component")
    if component is not None:
        return component_url(component) or "/"
    space = g.get("space")
    return url_for("pnyx.space", slug=space.slug) if space is not None else "/"


def deny(decision: Decision) -> Response:
    """Answer a refused request: sign in if that would help, else a 403 that explains."""
    if decision.missing == "sign_in" and g.get("user") is None:
        return redirect(url_for("pnyx_auth.sign_in", next=current_path()))
    g.pnyx_decision = decision
    abort(403, description=decision.reason)


def requires(action: str) -> Callable[[F], F]:
    """Declare and enforce the action a view needs (see DESIGN.md §5)."""

    def decorator(view: F) -> F:
        @functools.wraps(view)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            decision = decide(g.get("user"), action, current_target())
            if not decision:
                return deny(decision)
            return view(*args, **kwargs)

        setattr(guarded, ACTION_ATTRIBUTE, action)
        return guarded  # type: ignore[return-value]

    return decorator


def can(action: str, target: Any = None) -> Decision:
    """Template helper: ``{% if can("hello.post") %}``; the target defaults to the page's."""
    return decide(g.get("user"), action, target if target is not None else current_target())
