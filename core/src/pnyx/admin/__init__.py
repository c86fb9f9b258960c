"""The admin area: one blueprint, ``pnyx_admin``, served under ``/admin``.

Each admin feature is a small module of this package that adds its routes to
``blueprint`` and its menu entry with :func:`pnyx.navigation.admin_link`.
Plugins add their own admin pages with a component type's ``admin_blueprint``
and links with the ``menu_links`` hook (menu ``admin``).
"""

from __future__ import annotations

import importlib

from flask import Blueprint, Flask

from pnyx.navigation import account_links, admin_links

blueprint = Blueprint("pnyx_admin", __name__, url_prefix="/admin")

#: Admin feature modules, in menu order. Importing one registers its routes.
FEATURES = (
    "dashboard",
    "organization",
    "taxonomy",
    "taxonomy_import",
    "spaces",
    "space_groups",
    "home",
    "steps",
    "components",
    "component_settings",
    "users",
    "roles",
    "action_log",
    "space_scope",
    "people_csv",
    "exports",
    "component_exports",
    "mails",
)


def init_admin(app: Flask) -> None:
    for feature in FEATURES:
        importlib.import_module(f"pnyx.admin.{feature}")
    app.register_blueprint(blueprint)
    from pnyx.admin.space_scope import init_space_scope

    init_space_scope(app)
    app.jinja_env.globals.update(admin_links=admin_links, account_links=account_links)
