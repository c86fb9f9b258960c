"""A component's settings, generated from its plugin's marshmallow schemas.

One tab per level, each a page of its own (``?tab=``) so no script is needed:
*General* (``global_settings``), *All phases* (``step_settings`` for phases
without settings of their own) and one tab per phase. Saving a phase's tab
gives that phase its own settings; a button gives it back the settings for all
phases. Errors come from :func:`pnyx.settings.validate_settings` and are shown
next to their fields.
"""

from __future__ import annotations

from typing import Any

import attrs
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from pnyx.admin import blueprint
from pnyx.admin.editing import admin_component, log_admin, registry
from pnyx.core_hooks import ADMIN_SPACE
from pnyx.db import get_session
from pnyx.errors import SettingsError
from pnyx.forms import Form
from pnyx.i18n import translated
from pnyx.manifests import ComponentType
from pnyx.models import Component, Step
from pnyx.settings import read_level, validate_settings
from pnyx.web.guards import requires


@attrs.frozen
class Tab:
    """One level of settings: its tab key (``global``, ``default``, ``step-<id>``), its
    label, its place in the stored settings (``global``, ``default_step``,
    ``steps.<id>``) and its schema."""

    key: str
    label: str
    prefix: str
    schema: type
    step: Step | None = None
    #: For a phase: whether it has settings of its own.
    own: bool = True


def settings_tabs(component: Component, component_type: ComponentType) -> list[Tab]:
    tabs = []
    if component_type.global_settings is not None:
        tabs.append(Tab("global", _("General"), "global", component_type.global_settings))
    if component_type.step_settings is None:
        return tabs
    space_type = registry().space_types.get(component.space.type)
    steps = component.space.steps if space_type is None or space_type.has_steps else []
    label = _("All phases") if steps else _("Settings")
    tabs.append(Tab("default", label, "default_step", component_type.step_settings))
    own = (component.settings or {}).get("steps") or {}
    for step in steps:
        title = translated(step.title)
        tabs.append(
            Tab(
                f"step-{step.id}",
                title,
                f"steps.{step.id}",
                component_type.step_settings,
                step,
                str(step.id) in own,
            )
        )
    return tabs


def stored_values(component: Component, tab: Tab) -> dict[str, Any]:
    """The values that apply at this level now, defaults filled in."""
    stored = component.settings or {}
    if tab.step is None:
        level = stored.get(tab.prefix) or {}
    elif tab.own:
        level = stored["steps"][str(tab.step.id)]
    else:
        level = stored.get("default_step") or {}
    return read_level(tab.schema, level)


def component_type_of(component: Component) -> ComponentType:
    component_type = registry().component_type(component.type)
    if component_type is None:
        abort(404)  # its plugin is not enabled any more
    return component_type


@blueprint.route("/components/<int:component_id>/settings", methods=["GET", "POST"])
@requires(ADMIN_SPACE)
def component_settings(component_id: int) -> tuple[str, int] | Response:
    component = admin_component(component_id)
    component_type = component_type_of(component)
    tabs = settings_tabs(component, component_type)
    tab = chosen_tab(tabs)
    form = Form(tab.schema, stored_values(component, tab), prefix=tab.prefix) if tab else None
    if request.method == "POST" and tab is not None and form is not None:
        raw = form.extract(request.form)
        if save_level(component, component_type, tab, raw, form):
            flash(_("The settings of “%(tab)s” are saved.", tab=tab.label), "success")
            return redirect(settings_url(component, tab))
    page = render_template(
        "pnyx/admin/component_settings.html",
        component=component,
        space=component.space,
        tabs=tabs,
        tab=tab,
        form=form,
        gates=step_gates(component_type, form) if tab and tab.prefix != "global" else [],
    )
    return page, 400 if form is not None and form.has_errors else 200


def chosen_tab(tabs: list[Tab]) -> Tab | None:
    wanted = request.args.get("tab")
    if not tabs:
        return None
    if wanted is None:
        return tabs[0]
    tab = next((t for t in tabs if t.key == wanted), None)
    if tab is None:
        abort(404)
    return tab


def settings_url(component: Component, tab: Tab) -> str:
    return url_for("pnyx_admin.component_settings", component_id=component.id, tab=tab.key)


def save_level(
    component: Component, component_type: ComponentType, tab: Tab, raw: dict[str, Any], form: Form
) -> bool:
    """Validate this level alone, store it, log it; or put the errors on ``form`` (with
    those the form found reading the submission)."""
    session = get_session()
    stored = dict(component.settings or {})
    key = str(tab.step.id) if tab.step is not None else None
    try:
        if key is None:
            stored[tab.prefix] = validate_settings(component_type, {tab.prefix: raw})[tab.prefix]
        else:
            cleaned = validate_settings(component_type, {"steps": {key: raw}})
            stored["steps"] = {**(stored.get("steps") or {}), key: cleaned["steps"][key]}
    except SettingsError as error:
        form.set_errors(error.messages)
        return False
    if form.has_errors:
        return False
    try:
        component.settings = stored
        log_admin(
            session,
            "pnyx.component.settings",
            ("component", component.id),
            component=component,
            extra={"level": tab.prefix},
        )
        session.commit()
    except SettingsError as error:
        # Also raised on commit when another level no longer validates (a plugin upgrade).
        session.rollback()
        form.set_errors(error.messages)
        return False
    return True


@blueprint.post("/components/<int:component_id>/settings/steps/<int:step_id>/reset")
@requires(ADMIN_SPACE)
def component_settings_reset(component_id: int, step_id: int) -> Response:
    """Give a phase back the settings for all phases."""
    component = admin_component(component_id)
    stored = dict(component.settings or {})
    own = dict(stored.get("steps") or {})
    if own.pop(str(step_id), None) is not None:
        session = get_session()
        component.settings = {**stored, "steps": own}
        log_admin(
            session,
            "pnyx.component.settings",
            ("component", component.id),
            component=component,
            extra={"level": f"steps.{step_id}", "reset": True},
        )
        session.commit()
        flash(_("This phase uses the settings for all phases again."), "success")
    url = url_for("pnyx_admin.component_settings", component_id=component.id, tab=f"step-{step_id}")
    return redirect(url)


def step_gates(component_type: ComponentType, form: Form | None) -> list[tuple[str, bool]]:
    """``(action label, allowed)`` for each action a step setting switches on or off, with
    the values shown in the form: what residents may do in this phase."""
    if form is None:
        return []
    shown = {bound.key: bound.value for bound in form}
    return [
        (str(action.label), bool(shown.get(action.step_setting)))
        for action in component_type.actions
        if action.step_setting and action.step_setting in shown
    ]
