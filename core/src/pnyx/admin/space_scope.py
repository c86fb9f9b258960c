"""Space administrators run their own space from the admin area (issue 12, item 2).

Pages of one space declare ``pnyx.admin_space`` (audience ``space_admin``):
organization admins and that space's admins pass, nobody else. For the
engine to know which space a page is about, this module loads the component
of ``/admin/components/<component_id>/…`` URLs into ``g.component`` and
``g.space`` before the guard runs, as the core does for ``<space_slug>`` URLs.

A space admin's entry point is ``/admin/my-spaces`` (the spaces where they
hold a staff role), linked from their person menu; the admin menu shows only
the pages they may open.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, abort, current_app, g, render_template, url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from pnyx.admin import blueprint
from pnyx.core_hooks import ACCOUNT
from pnyx.db import get_session
from pnyx.manifests import MenuLink
from pnyx.models import Component, Space, User, UserSpaceRole
from pnyx.permissions import decide
from pnyx.roles import space_role_labels
from pnyx.web.guards import ACTION_ATTRIBUTE, requires

#: Blueprints whose ``<component_id>`` URLs are about that component's space.
SCOPED_BLUEPRINTS = ("pnyx_admin", "pnyx_verification_admin")
STAFF_ROLES = ("admin", "moderator")


def pull_admin_component(endpoint: str | None, values: dict[str, Any] | None) -> None:
    """Load ``<component_id>`` (when no ``<space_slug>`` did) so the guard sees its space."""
    if not values or "component_id" not in values or "space_slug" in values:
        return
    if (endpoint or "").partition(".")[0] not in SCOPED_BLUEPRINTS:
        return
    component = get_session().get(Component, values["component_id"])
    if component is None:
        abort(404)
    g.component = component
    g.space = component.space


def allowed_endpoint(endpoint: str) -> bool:
    """Whether the signed-in person may open ``endpoint`` (a page without a target)."""
    view = current_app.view_functions.get(endpoint)
    action = getattr(view, ACTION_ATTRIBUTE, None)
    return bool(action) and bool(decide(g.get("user"), action, None))


def admin_spaces_url() -> str:
    """Where "Spaces" leads: every space for organization admins, else one's own."""
    if allowed_endpoint("pnyx_admin.spaces"):
        return url_for("pnyx_admin.spaces")
    return url_for("pnyx_admin.my_spaces")


def staff_spaces(user: User) -> list[tuple[Space, list[str]]]:
    """The spaces where ``user`` is an admin or a moderator, with those roles."""
    query = (
        select(Space, UserSpaceRole.role)
        .join(UserSpaceRole, UserSpaceRole.space_id == Space.id)
        .where(UserSpaceRole.user_id == user.id, UserSpaceRole.role.in_(STAFF_ROLES))
        .order_by(Space.position, Space.id, UserSpaceRole.role)
    )
    spaces: dict[int, tuple[Space, list[str]]] = {}
    for space, role in get_session().execute(query):
        spaces.setdefault(space.id, (space, []))[1].append(role)
    return list(spaces.values())


@blueprint.get("/my-spaces")
@requires(ACCOUNT)
def my_spaces() -> str:
    """The spaces the person helps run; each space admin's way into the admin area."""
    return render_template(
        "pnyx/admin/my_spaces.html",
        rows=staff_spaces(g.user),
        role_labels=space_role_labels(),
        organization_admin=allowed_endpoint("pnyx_admin.dashboard"),
    )


def space_staff_links(menu: str, user: User | None) -> list[MenuLink]:
    """The person menu's way to ``/admin/my-spaces``, for space admins and moderators."""
    if menu != "user" or user is None or user.is_admin:
        return []
    held = get_session().scalar(
        select(UserSpaceRole.id)
        .where(UserSpaceRole.user_id == user.id, UserSpaceRole.role.in_(STAFF_ROLES))
        .limit(1)
    )
    if held is None:
        return []
    return [MenuLink(label=str(_l("Spaces I help run")), endpoint="pnyx_admin.my_spaces")]


def init_space_scope(app: Flask) -> None:
    app.url_value_preprocessor(pull_admin_component)
    app.jinja_env.globals.update(
        admin_spaces_url=admin_spaces_url, allowed_endpoint=allowed_endpoint
    )
