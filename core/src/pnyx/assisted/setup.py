"""Plugging assisted participation into the app."""

from __future__ import annotations

from flask import Flask

from pnyx.assisted import views
from pnyx.assisted.acting import apply_acting


def init_assisted(app: Flask) -> None:
    """Register the pages; act for a participant after the signed-in person is loaded
    (call after the authentication's own ``before_request``)."""
    app.before_request(apply_acting)
    app.register_blueprint(views.blueprint)
