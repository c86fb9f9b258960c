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
from pnyx.confirm import confirm_first
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
        stored = validated_settings(component, component_type, tab, raw, form)
        if stored is not None:
            asked = confirm_switches(component, tab, raw)
            if asked is not None:
                return asked
            if save_level(component, tab, stored, form):
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


def validated_settings(
    component: Component, component_type: ComponentType, tab: Tab, raw: dict[str, Any], form: Form
) -> dict[str, Any] | None:
    """The component's settings with this level replaced by ``raw`` validated alone; or
    ``None`` with the errors on ``form`` (with those the form found reading the submission)."""
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
        return None
    return None if form.has_errors else stored


def confirm_switches(component: Component, tab: Tab, raw: dict[str, Any]) -> Any:
    """Ask first when the submission switches on a setting whose field says, in its
    ``confirm`` metadata, that switching it on cannot be undone (closing a vote)."""
    before = stored_values(component, tab)
    switched = [
        (str(field.metadata.get("label", key)), str(field.metadata["confirm"]))
        for key, field in tab.schema().fields.items()
        if field.metadata.get("confirm") and raw.get(key) and not before.get(key)
    ]
    if not switched:
        return None
    labels, consequences = zip(*switched, strict=True)
    where = _("Phase: %(title)s", title=tab.label) if tab.step is not None else tab.label
    return confirm_first(
        title=_("Switch on “%(settings)s” (%(where)s)?", settings="”, “".join(labels), where=where),
        consequence=" ".join(consequences),
        button=_("Yes, save these settings"),
        cancel_url=settings_url(component, tab),
    )


def save_level(component: Component, tab: Tab, stored: dict[str, Any], form: Form) -> bool:
    """Store the validated settings and log it; or put the errors on ``form``."""
    session = get_session()
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
def component_settings_reset(component_id: int, step_id: int) -> Response | tuple[str, int]:
    """Give a phase back the settings for all phases (after a confirmation step: in the
    current phase this changes at once what residents may do)."""
    component = admin_component(component_id)
    step = get_session().get(Step, step_id)
    if step is None or step.space_id != component.space_id:
        abort(404)
    url = url_for("pnyx_admin.component_settings", component_id=component.id, tab=f"step-{step_id}")
    title = translated(step.title)
    consequence = _(
        "The settings of its own that this phase has are deleted; it then uses the settings "
        "for all phases."
    )
    if step.active:
        consequence += " " + _(
            "It is the current phase: what residents may do in this component changes at once "
            "(opening or closing a vote, for instance)."
        )
    asked = confirm_first(
        title=_("Use the settings for all phases in the phase %(title)s?", title=title),
        consequence=consequence,
        button=_("Yes, use the settings for all phases"),
        cancel_url=url,
    )
    if asked is not None:
        return asked
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
