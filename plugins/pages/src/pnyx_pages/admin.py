"""Admin blueprints: a ``pages`` component's pages (mounted by the core at
/admin/spaces/<space_slug>/pages/<component_id>/), and the organization's pages at
/admin/pages/ (organization admins)."""

from __future__ import annotations

from flask import Blueprint

from pnyx import api
from pnyx_pages import editing
from pnyx_pages.scope import component_scope, site_scope

blueprint = Blueprint("pages_admin", __name__)
site_blueprint = Blueprint("pages_site_admin", __name__, url_prefix="/admin/pages")

editing.register(blueprint, api.actions.ADMIN_SPACE, component_scope)
editing.register(site_blueprint, api.actions.ADMIN, site_scope)


def admin_menu(user: api.User | None) -> list[api.MenuLink]:
    """ "Pages" in the admin menu, for organization admins."""
    if user is None or not user.is_admin:
        return []
    return [api.MenuLink(label=api._("Pages"), endpoint="pages_site_admin.index", priority=80)]
