"""A space's phases (steps): add, edit, reorder, delete, activate.

Exactly one phase is active at a time (the database enforces at most one);
the active phase's settings decide what residents may do in each component.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from marshmallow import Schema, ValidationError, fields, validates_schema
from sqlalchemy import select
from werkzeug.wrappers import Response

from pnyx import submissions
from pnyx.admin import blueprint
from pnyx.admin.editing import log_admin, move_in, registry, render_form, submitted_for_saving
from pnyx.core_hooks import ADMIN_SPACE
from pnyx.db import get_session
from pnyx.forms import Form, SensibleDate, TranslatedText
from pnyx.i18n import translated
from pnyx.models import Space, Step
from pnyx.steps import activate_step, next_activation
from pnyx.web.guards import requires

STEP_FIELDS = ("title", "description", "start_date", "end_date")


class StepSchema(Schema):
    title = TranslatedText(required=True, max_length=200, metadata={"label": _l("Title")})
    description = TranslatedText(
        rich=True,
        ugc=False,
        metadata={
            "label": _l("Description"),
            "description": _l("What happens during this phase and how to take part."),
        },
    )
    start_date = fields.Date(
        allow_none=True,
        load_default=None,
        validate=SensibleDate(),
        metadata={
            "label": _l("Start date"),
            "description": _l("On this day the phase becomes the current one by itself."),
        },
    )
    end_date = fields.Date(
        allow_none=True,
        load_default=None,
        validate=SensibleDate(),
        metadata={"label": _l("End date")},
    )

    @validates_schema
    def ends_after_start(self, data: dict[str, Any], **_kwargs: Any) -> None:
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            raise ValidationError(
                _("The end date must be the same as or after the start date."),
                field_name="end_date",
            )


def stepped_space() -> Space:
    """The current space, if its type has phases (else a 404)."""
    space: Space = g.space
    space_type = registry().space_types.get(space.type)
    if space_type is None or not space_type.has_steps:
        abort(404)
    return space


def load_step(space: Space, step_id: int) -> Step:
    step = get_session().get(Step, step_id)
    if step is None or step.space_id != space.id:
        abort(404)
    return step


def steps_url(space: Space, step: Step | None = None) -> str:
    anchor = f"#step-{step.id}" if step is not None and step.id else ""
    return url_for("pnyx_admin.steps", space_slug=space.slug) + anchor


@blueprint.get("/spaces/<space_slug>/steps")
@requires(ADMIN_SPACE)
def steps() -> str:
    space = stepped_space()
    coming = next_activation(space, dt.date.today())
    return render_template("pnyx/admin/steps.html", space=space, coming=coming)


@blueprint.route("/spaces/<space_slug>/steps/new", methods=["GET", "POST"])
@requires(ADMIN_SPACE)
def step_new() -> tuple[str, int] | Response:
    space = stepped_space()
    form = Form(StepSchema)
    if submitted_for_saving(form):
        session = get_session()
        submissions.claim()  # the form sent twice at once: one phase (docs/forms.md)
        position = max((s.position for s in space.steps), default=-1) + 1
        step = Step(space=space, position=position, **form.data)
        session.add(step)
        session.flush()
        log_admin(session, "pnyx.step.create", ("step", step.id), space=space)
        submissions.made(steps_url(space, step))
        session.commit()
        flash(_("The phase %(title)s is added.", title=translated(step.title)), "success")
        return redirect(steps_url(space, step))
    return render_form("pnyx/admin/step_form.html", form, space=space, step=None)


@blueprint.route("/spaces/<space_slug>/steps/<int:step_id>", methods=["GET", "POST"])
@requires(ADMIN_SPACE)
def step_edit(step_id: int) -> tuple[str, int] | Response:
    space = stepped_space()
    step = load_step(space, step_id)
    form = Form(StepSchema, {key: getattr(step, key) for key in STEP_FIELDS})
    if submitted_for_saving(form):
        for key, value in form.data.items():
            setattr(step, key, value)
        session = get_session()
        log_admin(session, "pnyx.step.update", ("step", step.id), space=space)
        session.commit()
        flash(_("The phase %(title)s is saved.", title=translated(step.title)), "success")
        return redirect(steps_url(space, step))
    return render_form("pnyx/admin/step_form.html", form, space=space, step=step)


@blueprint.post("/spaces/<space_slug>/steps/<int:step_id>/move")
@requires(ADMIN_SPACE)
def step_move(step_id: int) -> Response:
    space = stepped_space()
    step = load_step(space, step_id)
    session = get_session()
    query = select(Step).where(Step.space_id == space.id).order_by(Step.position, Step.id)
    ordered = list(session.scalars(query.with_for_update()))
    if move_in(ordered, step, request.form.get("direction", "")):
        log_admin(session, "pnyx.step.move", ("step", step.id), space=space)
        session.commit()
    return redirect(steps_url(space, step))


@blueprint.post("/spaces/<space_slug>/steps/<int:step_id>/activate")
@requires(ADMIN_SPACE)
def step_activate(step_id: int) -> Response:
    space = stepped_space()
    step = load_step(space, step_id)
    if not step.active:
        session = get_session()
        activate_step(session, step)
        log_admin(session, "pnyx.step.activate", ("step", step.id), space=space)
        session.commit()
    flash(_("%(title)s is now the current phase.", title=translated(step.title)), "success")
    return redirect(steps_url(space, step))


@blueprint.route("/spaces/<space_slug>/steps/<int:step_id>/delete", methods=["GET", "POST"])
@requires(ADMIN_SPACE)
def step_delete(step_id: int) -> tuple[str, int] | Response:
    space = stepped_space()
    step = load_step(space, step_id)
    if request.method == "POST":
        session = get_session()
        forget_step_settings(space, step)
        session.delete(step)
        log_admin(
            session,
            "pnyx.step.delete",
            ("step", step.id),
            space=space,
            extra={"title": translated(step.title)},
        )
        session.commit()
        flash(_("The phase %(title)s is deleted.", title=translated(step.title)), "success")
        return redirect(steps_url(space))
    return render_form("pnyx/admin/step_delete.html", None, space=space, step=step)


def forget_step_settings(space: Space, step: Step) -> None:
    """Remove the deleted phase's own settings from every component of the space."""
    key = str(step.id)
    for component in space.components:
        stored = component.settings or {}
        if key in (stored.get("steps") or {}):
            remaining = {k: v for k, v in stored["steps"].items() if k != key}
            component.settings = {**stored, "steps": remaining}
