"""``/admin/components/<id>/permissions``: the verifications each action of a component needs.

Stored in ``Component.permissions`` as ``{action: {"authorizations": [{"handler":
name, "options": {...}}]}}``; each handler's options form is generated from
its ``options_schema`` and validated with it.
"""

from __future__ import annotations

from typing import Any

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from pnyx.action_log import log_action
from pnyx.core_hooks import ADMIN_SPACE
from pnyx.db import get_session
from pnyx.groups.service import GROUPS_KEY, groups_allowed
from pnyx.manifests import Action, AuthorizationHandler
from pnyx.models import Component
from pnyx.verification.blueprints import admin
from pnyx.verification.forms import build_fields, load_options, read_form
from pnyx.verification.requirements import handlers, stored_requirements
from pnyx.web.guards import requires


def load_component(component_id: int) -> Component:
    component = get_session().get(Component, component_id)
    if component is None:
        abort(404)
    return component


def authorizable_actions(component: Component) -> list[Action]:
    registry = current_app.extensions["pnyx.plugins"].registry
    component_type = registry.component_type(component.type)
    if component_type is None:
        return []
    # Actions of no type (comments.create) gated by one of this type's step settings
    # (comments_enabled, which commentable types gain) are asked on its records too.
    gates = (
        set(component_type.step_settings._declared_fields)
        if component_type.step_settings
        else set()
    )
    free = [action for action in registry.free_actions if action.step_setting in gates]
    return [action for action in (*component_type.actions, *free) if action.verifiable]


def describe(handler: AuthorizationHandler, options: dict[str, Any]) -> str:
    """One line for the overview: "Maximum age: 17", "Territories allowed: Tours"."""
    parts = []
    for field in build_fields(handler.options_schema, "", options, {}):
        shown = field.value
        if field.kind == "multiselect":
            labels = dict(field.choices)
            shown = ", ".join(labels.get(v, v) for v in field.value)
        if shown not in ("", [], False):
            text = _("yes") if shown is True else shown
            parts.append(_("%(label)s: %(text)s", label=field.label, text=text))
    return " · ".join(parts)  # no "; ": French spaces it, and this joins translations


@admin.route("/components/<int:component_id>/permissions")
@requires(ADMIN_SPACE)
def component_permissions(component_id: int) -> str:
    component = load_component(component_id)
    known = handlers()
    rows = []
    for action in authorizable_actions(component):
        described = []
        for requirement in stored_requirements(component, action.name):
            handler = known.get(str(requirement.get("handler")))
            options = dict(requirement.get("options") or {})
            label = str(handler.label) if handler else str(requirement.get("handler"))
            described.append((label, describe(handler, options) if handler else ""))
        rows.append((action, described))
    return render_template(
        "pnyx/verification/admin/component_permissions.html", component=component, rows=rows
    )


def find_action(component: Component, action_name: str) -> Action:
    action = next((a for a in authorizable_actions(component) if a.name == action_name), None)
    if action is None:
        abort(404)
    return action


@admin.route("/components/<int:component_id>/permissions/<action_name>", methods=["GET", "POST"])
@requires(ADMIN_SPACE)
def component_action_permissions(component_id: int, action_name: str) -> Any:
    component = load_component(component_id)
    action = find_action(component, action_name)
    stored = {str(r.get("handler")): r for r in stored_requirements(component, action.name)}
    if request.method == "POST":
        return save(component, action, stored)
    values = {name: dict(r.get("options") or {}) for name, r in stored.items()}
    return render_action(component, action, set(stored), values, {})


def render_action(
    component: Component,
    action: Action,
    used: set[str],
    values: dict[str, dict[str, Any]],
    errors: dict[str, dict[str, str]],
    status: int = 200,
) -> tuple[str, int]:
    groups = [
        (
            handler,
            handler.name in used,
            build_fields(
                handler.options_schema,
                f"{handler.name}.",
                values.get(handler.name, {}),
                errors.get(handler.name, {}),
            ),
        )
        for handler in handlers().values()
    ]
    unavailable = sorted(used - set(handlers()))
    page = render_template(
        "pnyx/verification/admin/action_permissions.html",
        component=component,
        action=action,
        groups_allowed=groups_allowed(component, action.name),
        groups=groups,
        unavailable=unavailable,
    )
    return page, status


def save(
    component: Component, action: Action, stored: dict[str, Any]
) -> Response | tuple[str, int]:
    requirements, values, errors = [], {}, {}
    for name, handler in handlers().items():
        schema = handler.options_schema
        values[name] = read_form(schema, f"{name}.", request.form) if schema else {}
        if f"use.{name}" not in request.form:
            continue
        options, problems = load_options(schema, values[name])
        if problems:
            errors[name] = problems
        else:
            dumped = schema().dump(options) if schema else {}
            requirements.append({"handler": name, "options": dumped})
    if errors:
        used = {n for n in handlers() if f"use.{n}" in request.form}
        return render_action(component, action, used, values, errors, 400)
    # Requirements of a handler whose plugin is disabled are kept, not silently dropped.
    requirements += [r for n, r in stored.items() if n not in handlers()]
    store(component, action, requirements, "groups_may_take_part" in request.form)
    flash(_("The verifications for this action are saved."), "success")
    return redirect(url_for(".component_permissions", component_id=component.id))


def store(
    component: Component,
    action: Action,
    requirements: list[dict[str, Any]],
    groups: bool = False,
) -> None:
    permissions = dict(component.permissions or {})
    # Other keys a plugin may keep per action are left as they are.
    ours = ("authorizations", GROUPS_KEY)
    entry = {k: v for k, v in (permissions.get(action.name) or {}).items() if k not in ours}
    if requirements:
        entry["authorizations"] = requirements
    if groups and action.groups:
        entry[GROUPS_KEY] = True
    if entry:
        permissions[action.name] = entry
    else:
        permissions.pop(action.name, None)
    component.permissions = permissions
    session = get_session()
    log_action(
        session,
        "pnyx.component.permissions_changed",
        component=component,
        visibility="admin",
        extra={"action": action.name, "handlers": [r["handler"] for r in requirements]},
    )
    session.commit()
