"""The component's custom answer states (label per language, colour)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from sqlalchemy import func, select
from werkzeug.wrappers import Response

from pnyx import api
from pnyx_proposals import states as answer_states
from pnyx_proposals.admin import blueprint
from pnyx_proposals.admin.common import locales
from pnyx_proposals.models import CustomState, Proposal
from pnyx_proposals.permissions import MANAGE

Page = str | tuple[str, int] | Response


def render_states(
    values: dict[str, str], errors: dict[str, str], status: int = 200
) -> tuple[str, int]:
    page = render_template(
        "proposals/admin/states.html",
        states=answer_states.custom_states(api.current_component().id),
        values=values,
        errors=errors,
        locales=locales(),
    )
    return page, status


@blueprint.get("/states")
@api.requires(MANAGE)
def states() -> Page:
    return render_states({"colour": "#4a4a4a"}, {})


def read_state(form: dict[str, str], langs: list[str]) -> dict[str, str]:
    """Errors of a new state's form, by field."""
    errors = {}
    code = form.get("code", "")
    if not answer_states.CODE.match(code) or code in answer_states.RESERVED:
        errors["code"] = api._(
            "A code is lower-case letters, digits and _, starts with a letter, and is not "
            "a built-in state."
        )
    if not answer_states.COLOUR.match(form.get("colour", "")):
        errors["colour"] = api._("Choose a colour such as #1d4e89.")
    if not form.get(f"label_{langs[0]}", "").strip():
        errors[f"label_{langs[0]}"] = api._("Give the state a label.")
    return errors


@blueprint.post("/states")
@api.requires(MANAGE)
def add_state() -> Page:
    langs = locales()
    values = {key: value.strip() for key, value in request.form.items() if key != "csrf_token"}
    errors = read_state(values, langs)
    session = api.db_session()
    component = api.current_component()
    taken = select(func.count()).where(
        CustomState.component_id == component.id, CustomState.code == values.get("code")
    )
    if "code" not in errors and session.scalar(taken):
        errors["code"] = api._("This component already has a state with this code.")
    if errors:
        return render_states(values, errors, 400)
    label = {lang: values[f"label_{lang}"][:100] for lang in langs if values.get(f"label_{lang}")}
    position = len(answer_states.custom_states(component.id))
    state = CustomState(
        component_id=component.id,
        code=values["code"],
        label=label,
        colour=values["colour"].lower(),
        position=position,
    )
    session.add(state)
    api.log_action(
        session, "proposals.state_added", component=component, extra={"code": state.code}
    )
    session.commit()
    flash(api._("The state is added."), "success")
    return redirect(url_for("proposals_admin.states"))


@blueprint.post("/states/<int:state_id>/delete")
@api.requires(MANAGE)
def delete_state(state_id: int) -> Page:
    session = api.db_session()
    component = api.current_component()
    state = session.get(CustomState, state_id)
    if state is None or state.component_id != component.id:
        abort(404)
    used = select(func.count()).where(
        Proposal.component_id == component.id,
        (Proposal.state == state.code) | (Proposal.answer_state == state.code),
    )
    if session.scalar(used):
        flash(api._("Proposals have this state: answer them otherwise first."), "error")
        return redirect(url_for("proposals_admin.states"))
    asked = api.confirm_first(
        title=api._("Delete the state %(label)s?", label=api.translated(state.label)),
        consequence=api._("Staff can no longer give this answer to a proposal."),
        button=api._("Yes, delete the state"),
        cancel_url=url_for("proposals_admin.states"),
    )
    if asked is not None:
        return asked
    api.log_action(
        session, "proposals.state_deleted", component=component, extra={"code": state.code}
    )
    session.delete(state)
    session.commit()
    flash(api._("The state is deleted."), "success")
    return redirect(url_for("proposals_admin.states"))
