"""Attachments and images (docs/attachments.md): files attached to spaces, components and
any resource type that opts in, checked by content, stored under generated names, served
only to those who may see their space.

``init_attachments`` sets the defaults, picks the storage backend, mounts the
serving routes and the staff pages, and gives templates their helpers.
"""

from __future__ import annotations

from typing import Any

from flask import Flask

DEFAULTS: dict[str, Any] = {
    "ATTACHMENTS_STORAGE": "local",
    "ATTACHMENTS_FOLDER": None,
    "ATTACHMENTS_MAX_BYTES": 20 * 1024 * 1024,
    "ATTACHMENTS_MAX_PIXELS": 40_000_000,
    "ATTACHMENTS_S3_BUCKET": None,
    "ATTACHMENTS_S3_PREFIX": "",
    "ATTACHMENTS_S3_ENDPOINT_URL": None,
    "ATTACHMENTS_S3_REGION": None,
    "ATTACHMENTS_S3_ACCESS_KEY": None,
    "ATTACHMENTS_S3_SECRET_KEY": None,
}


def init_attachments(app: Flask) -> None:
    """Before the admin blueprint is registered: the staff pages add routes to it."""
    from pnyx.attachments import admin_routes, service  # noqa: F401 - routes
    from pnyx.attachments.storage import make_storage
    from pnyx.attachments.upload import size_label
    from pnyx.attachments.views import blueprint

    for key, value in DEFAULTS.items():
        app.config.setdefault(key, value)
    app.extensions["pnyx.attachments.storage"] = make_storage(app)
    app.register_blueprint(blueprint)
    app.jinja_env.globals.update(
        attachment_url=service.url,
        thumbnail_url=service.thumbnail_url,
        attachments_of=service.grouped,
        cover_of=service.cover,
        covers_of=service.covers,
        file_size=size_label,
    )
