"""Mounting plugin blueprints under the space and component they serve.

A component type's public blueprint is served at
``/spaces/<space_slug>/<type>/<component_id>/`` and its admin blueprint at
``/admin/spaces/<space_slug>/<type>/<component_id>/``: the type's name is a
literal part of the prefix, so two types' identical rules never collide. The
core loads the space and component once per request (404 when they do not
match, or when the component is of another type) and puts them in ``g``;
plugin views read them with ``pnyx.api.current_component()``. Links built
inside a component page keep the current ids without repeating them.

Deny by default: before any plugin code runs (before every blueprint's own
``before_request`` and the view), :func:`hide_invisible` answers 404 to a
person who may not see the space or component (unpublished, or private and
not theirs), whatever action the view declares. A 404 rather than a 403: an
outsider does not learn that the space exists.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

from flask import Flask, abort, current_app, g, url_for
from sqlalchemy import Select, and_, bindparam, select
from sqlalchemy.orm import joinedload

from pnyx.db import get_session
from pnyx.models import Component, Space
from pnyx.permissions import visibility
from pnyx.registry import Registry
from pnyx.steps import activate_due_step

PUBLIC_PREFIX = "/spaces/<space_slug>/{type}/<int:component_id>"
ADMIN_PREFIX = "/admin/spaces/<space_slug>/{type}/<int:component_id>"
#: Where a space type's own admin pages are mounted (``SpaceType.admin_blueprint``).
SPACE_TYPE_ADMIN_PREFIX = "/admin/spaces/<space_slug>/{type}"
#: ``app.extensions`` key: names of the space types' admin blueprints.
SPACE_TYPE_BLUEPRINTS = "pnyx.space_type_blueprints"
#: ``app.extensions`` key: blueprint name → the component type it serves.
TYPES_BY_BLUEPRINT = "pnyx.component_blueprints"


def register_component_blueprints(app: Flask, registry: Registry) -> None:
    types_by_blueprint: dict[str, str] = {}
    for component_type in registry.component_types.values():
        prefixes = (
            (component_type.public_blueprint, PUBLIC_PREFIX),
            (component_type.admin_blueprint, ADMIN_PREFIX),
        )
        for blueprint, prefix in prefixes:
            if blueprint is not None:
                url_prefix = prefix.format(type=component_type.name)
                app.register_blueprint(blueprint, url_prefix=url_prefix)
                types_by_blueprint[blueprint.name] = component_type.name
    app.extensions[TYPES_BY_BLUEPRINT] = types_by_blueprint
    space_type_blueprints = set()
    for space_type in registry.space_types.values():
        if space_type.admin_blueprint is not None:
            url_prefix = SPACE_TYPE_ADMIN_PREFIX.format(type=space_type.name)
            app.register_blueprint(space_type.admin_blueprint, url_prefix=url_prefix)
            space_type_blueprints.add(space_type.admin_blueprint.name)
    app.extensions[SPACE_TYPE_BLUEPRINTS] = space_type_blueprints
    app.url_value_preprocessor(pull_space_and_component)
    app.url_defaults(keep_space_and_component)
    app.url_defaults(keep_space)
    # Registered after the accounts' ``load_user``: app-level functions run before any
    # blueprint's, so no plugin code sees a request for a space it may not show.
    app.before_request(hide_invisible)


def hide_invisible() -> None:
    """404 when the person may not see the request's space or component."""
    target = g.get("component") or g.get("space")
    if target is not None and not visibility(g.get("user"), target):
        abort(404)


def load_space(slug: str, component_id: int | None = None) -> tuple[Space, Component | None]:
    """The space with ``slug``, its steps, and its component ``component_id``: one query.

    The request set-up of every space and component page (issue 13 item 4): the
    steps are joined to the space and the component to both, rather than three
    queries. 404 when there is no such space; the component is ``None`` when it
    is not one of this space's. The space's due step is activated lazily.
    """
    query = _space_query(with_component=component_id is not None)
    values = {"slug": slug, "component_id": component_id}
    row = get_session().execute(query, values).unique().first()
    if row is None:
        abort(404)
    space, component = row[0], (row[1] if component_id is not None else None)
    if activate_due_step(get_session(), space, dt.date.today()):
        get_session().commit()
    return space, component


@functools.cache
def _space_query(*, with_component: bool) -> Select:
    """:func:`load_space`'s statement, built once: every space and component page runs it
    (building it and its cache key cost about what running it does)."""
    query = select(Space).where(Space.slug == bindparam("slug")).options(joinedload(Space.steps))
    if with_component:
        condition = and_(Component.id == bindparam("component_id"), Component.space_id == Space.id)
        query = query.add_columns(Component).outerjoin(Component, condition)
    return query


def pull_space_and_component(endpoint: str | None, values: dict[str, Any] | None) -> None:
    if not values or "space_slug" not in values:
        return
    component_id = values.pop("component_id", None)
    g.space, component = load_space(values.pop("space_slug"), component_id)
    if component_id is not None:
        if component is None:
            abort(404)
        blueprint = (endpoint or "").rpartition(".")[0]
        expected_type = current_app.extensions[TYPES_BY_BLUEPRINT].get(blueprint)
        if expected_type is not None and component.type != expected_type:
            abort(404)
        g.component = component


def keep_space_and_component(endpoint: str, values: dict[str, Any]) -> None:
    component = g.get("component")
    if component is None or "component_id" in values:
        return
    if endpoint.split(".")[0] in _blueprints_of(component):
        values.setdefault("space_slug", component.space.slug)
        values["component_id"] = component.id


def keep_space(endpoint: str, values: dict[str, Any]) -> None:
    """Links between a space type's admin pages keep the current space."""
    space = g.get("space")
    blueprints = current_app.extensions[SPACE_TYPE_BLUEPRINTS]
    if space is not None and endpoint.split(".")[0] in blueprints:
        values.setdefault("space_slug", space.slug)


def _blueprints_of(component: Component) -> set[str]:
    types_by_blueprint = current_app.extensions[TYPES_BY_BLUEPRINT]
    return {name for name, type_name in types_by_blueprint.items() if type_name == component.type}


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
