"""Mounting plugin blueprints under the space and component they serve.

A component type's public blueprint is served at
``/spaces/<space_slug>/c/<component_id>/`` and its admin blueprint at
``/admin/spaces/<space_slug>/c/<component_id>/``. The core loads the space
and component once per request (404 when they do not match) and puts them in
``g``; plugin views read them with ``pnyx.api.current_component()``. Links
built inside a component page keep the current ids without repeating them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import Flask, abort, current_app, g, url_for
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from pnyx.db import get_session
from pnyx.models import Component, Space
from pnyx.registry import Registry
from pnyx.steps import activate_due_step

PUBLIC_PREFIX = "/spaces/<space_slug>/c/<int:component_id>"
ADMIN_PREFIX = "/admin/spaces/<space_slug>/c/<int:component_id>"


def register_component_blueprints(app: Flask, registry: Registry) -> None:
    for component_type in registry.component_types.values():
        if component_type.public_blueprint is not None:
            app.register_blueprint(component_type.public_blueprint, url_prefix=PUBLIC_PREFIX)
        if component_type.admin_blueprint is not None:
            app.register_blueprint(component_type.admin_blueprint, url_prefix=ADMIN_PREFIX)
    app.url_value_preprocessor(pull_space_and_component)
    app.url_defaults(keep_space_and_component)


def load_space(slug: str) -> Space:
    """The space with ``slug`` (steps loaded); its due step is activated lazily."""
    query = select(Space).where(Space.slug == slug).options(selectinload(Space.steps))
    space = get_session().scalar(query)
    if space is None:
        abort(404)
    if activate_due_step(get_session(), space, dt.date.today()):
        get_session().commit()
    return space


def pull_space_and_component(endpoint: str | None, values: dict[str, Any] | None) -> None:
    if not values or "space_slug" not in values:
        return
    g.space = load_space(values.pop("space_slug"))
    if "component_id" in values:
        component = get_session().get(Component, values.pop("component_id"))
        if component is None or component.space_id != g.space.id:
            abort(404)
        g.component = component


def keep_space_and_component(endpoint: str, values: dict[str, Any]) -> None:
    component = g.get("component")
    if component is None or "component_id" in values:
        return
    if endpoint.split(".")[0] in _blueprints_of(component):
        values.setdefault("space_slug", component.space.slug)
        values["component_id"] = component.id


def _blueprints_of(component: Component) -> set[str]:
    registry: Registry = current_app.extensions["pnyx.plugins"].registry
    component_type = registry.component_type(component.type)
    if component_type is None:
        return set()
    return {
        bp.name for bp in (component_type.public_blueprint, component_type.admin_blueprint) if bp
    }


def component_url(component: Component, endpoint: str = "index", **values: Any) -> str | None:
    """The URL of a component's page (``None`` when its type has no public page)."""
    registry: Registry = current_app.extensions["pnyx.plugins"].registry
    component_type = registry.component_type(component.type)
    if component_type is None or component_type.public_blueprint is None:
        return None
    name = component_type.public_blueprint.name
    return url_for(
        f"{name}.{endpoint}", space_slug=component.space.slug, component_id=component.id, **values
    )
