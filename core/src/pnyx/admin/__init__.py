"""The admin area: one blueprint, ``pnyx_admin``, served under ``/admin``.

Each admin feature is a small module of this package that adds its routes to
``blueprint`` (organization, taxonomies, spaces, steps, components, users,
action log...). Plugins add their own admin pages with a component type's
``admin_blueprint`` and links with the ``menu_links`` hook (menu ``admin``).
"""

from __future__ import annotations

from flask import Blueprint, Flask

from pnyx.admin.navigation import admin_links

blueprint = Blueprint("pnyx_admin", __name__, url_prefix="/admin")


def init_admin(app: Flask) -> None:
    # Importing the feature modules registers their routes on the blueprint.
    from pnyx.admin import dashboard  # noqa: F401

    app.register_blueprint(blueprint)
    app.jinja_env.globals["admin_links"] = admin_links
