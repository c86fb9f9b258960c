"""Plugging verification into the app: blueprints and the account menu entry."""

from __future__ import annotations

import importlib

from flask import Flask
from flask_babel import lazy_gettext as _l

from pnyx.navigation import account_link
from pnyx.verification.blueprints import admin, public

#: Modules whose import registers the routes of the two blueprints.
PAGE_MODULES = ("account", "birth_date", "residence", "census")
ADMIN_MODULES = (
    "overview",
    "conflicts",
    "census",
    "residences",
    "settings",
    "component_permissions",
)


def init_verification(app: Flask) -> None:
    for name in PAGE_MODULES:
        importlib.import_module(f"pnyx.verification.pages.{name}")
    for name in ADMIN_MODULES:
        importlib.import_module(f"pnyx.verification.admin.{name}")
    app.register_blueprint(public)
    app.register_blueprint(admin)
    account_link(lambda: str(_l("Verifications")), "pnyx_verification.index")
