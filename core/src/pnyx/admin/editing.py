"""Small helpers the core's admin pages share: loading, logging, links, answers."""

from __future__ import annotations

from typing import Any

from flask import abort, current_app, render_template, request, url_for
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from pnyx.action_log import log_action
from pnyx.db import get_session
from pnyx.forms import Form
from pnyx.models import ActionLog, Component, Space
from pnyx.registry import Registry


def registry() -> Registry:
    return current_app.extensions["pnyx.plugins"].registry


def admin_space(slug: str) -> Space:
    """The space with ``slug`` and its steps, or a 404."""
    query = select(Space).where(Space.slug == slug).options(selectinload(Space.steps))
    space = get_session().scalar(query)
    if space is None:
        abort(404)
    return space


def admin_component(component_id: int) -> Component:
    """The component with ``component_id`` (its space and steps loaded), or a 404."""
    component = get_session().get(Component, component_id)
    if component is None:
        abort(404)
    return component


def log_admin(
    session: Session,
    action: str,
    resource: tuple[str, int] | None,
    *,
    space: Space | None = None,
    component: Component | None = None,
    extra: dict[str, Any] | None = None,
) -> ActionLog:
    """Log an admin's change (visibility ``admin``), tied to its space when there is one."""
    entry = log_action(
        session, action, resource=resource, component=component, visibility="admin", extra=extra
    )
    if space is not None:
        entry.space_id = space.id
    return entry


def link(endpoint: str, fallback: str, **values: Any) -> str:
    """The URL of ``endpoint``, or ``fallback`` while that page does not exist (a page a
    colleague module or a plugin adds)."""
    if endpoint in current_app.view_functions:
        return url_for(endpoint, **values)
    return fallback


def render_form(template: str, form: Form | None = None, **context: Any) -> tuple[str, int]:
    """Render an admin page holding a form: status 400 when the form has errors."""
    failed = form is not None and form.has_errors
    status = 400 if failed or context.pop("failed", False) else 200
    return render_template(template, form=form, **context), status


def submitted_for_saving(form: Form) -> bool:
    """A POST to save (not the preview button, which only re-draws ``form``) that is valid."""
    if request.method != "POST" or form.previewing(request.form):
        return False
    return form.validate(request.form)


def submitted() -> bool:
    return request.method == "POST"


def move_in(items: list[Any], item: Any, direction: str) -> bool:
    """Move ``item`` one place up or down in ``items`` and renumber their ``position``."""
    index = items.index(item)
    other = index - 1 if direction == "up" else index + 1 if direction == "down" else -1
    if not 0 <= other < len(items):
        return False
    items[index], items[other] = items[other], items[index]
    for position, each in enumerate(items):
        if each.position != position:
            each.position = position
    return True
