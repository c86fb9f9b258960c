"""The hook implementations: what the ``pages`` plugin brings to Pnyx.

The entry point ``pages = "pnyx_pages.plugin"`` names this module; the core
registers it when ``PNYX_PLUGINS`` lists ``pages``.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint

from pnyx import api
from pnyx_pages import home_block, links
from pnyx_pages.admin import admin_menu
from pnyx_pages.admin import blueprint as admin_blueprint
from pnyx_pages.admin import site_blueprint as site_admin_blueprint
from pnyx_pages.models import RESOURCE
from pnyx_pages.seed import seed
from pnyx_pages.views import blueprint, site_blueprint


@api.hookimpl
def register_component_types() -> list[api.ComponentType]:
    return [
        api.ComponentType(
            name="pages",
            label=api._l("Pages"),
            description=api._l(
                "Pages to read: about the consultation, resources with documents, a FAQ."
            ),
            public_blueprint=blueprint,
            admin_blueprint=admin_blueprint,
            resource_types=[
                # A space's pages take comments (on by default: resources to read feed the
                # conversation); the organization's own pages have no component, so none.
                api.ResourceType(
                    RESOURCE,
                    api._l("Pages"),
                    describe=links.describe,
                    attachable=True,
                    commentable=True,
                    load=links.load,
                )
            ],
            seed=seed,
        )
    ]


@api.hookimpl
def register_blueprints() -> list[Blueprint]:
    return [site_blueprint, site_admin_blueprint]


@api.hookimpl
def register_home_blocks() -> list[api.HomeBlock]:
    return [home_block.home_block()]


@api.hookimpl
def render_slot(name: str, context: dict[str, Any]) -> api.Snippet | None:
    if name == "home.block" and context["block"] == home_block.HOME_BLOCK:
        return home_block.render(context.get("settings") or {}, context.get("index", 0))
    return links.footer() if name == "layout.footer" else None


@api.hookimpl
def menu_links(menu: str, user: api.User | None) -> list[api.MenuLink] | None:
    return admin_menu(user) if menu == "admin" else None
