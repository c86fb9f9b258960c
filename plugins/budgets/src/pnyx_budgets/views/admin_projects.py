"""Admin pages: a budget's projects — list, create, edit, delete."""

from __future__ import annotations

from typing import Any

from flask import current_app, flash, redirect, render_template, request, url_for
from sqlalchemy.orm import joinedload

from pnyx import api
from pnyx_budgets import projects as changes
from pnyx_budgets import queries
from pnyx_budgets.models import PROJECT_RESOURCE, Budget, Project
from pnyx_budgets.money import to_major, to_minor
from pnyx_budgets.views.admin import Page, blueprint
from pnyx_budgets.views.common import load_budget, load_project
from pnyx_budgets.views.forms import project_schema


@blueprint.get("/<int:budget_id>/projects")
@api.requires(api.actions.ADMIN_SPACE)
def projects(budget_id: int) -> str:
    budget = load_budget(budget_id)
    session = api.db_session()
    query = (
        queries.filtered_projects(budget.id, queries.ProjectFilter())
        .options(joinedload(Project.territory))
        .order_by(Project.position, Project.id)
    )
    return render_template(
        "budgets/admin/projects.html",
        budget=budget,
        projects=api.paginate(query),
        ballots=queries.count_ballots(session, budget.id),
    )


def project_form(project: Project | None, budget: Budget) -> api.Form:
    schema = project_schema()
    values: dict[str, Any] = {}
    if project is not None:
        values = {
            "title": project.title,
            "description": project.description,
            "cost": to_major(project.cost, budget.currency),
            "territory_id": project.territory_id,
            "themes": [term.id for term in project.themes],
            "address": project.address or "",
            "code": project.code or "",
            "position": project.position,
        }
    return api.Form(schema, values)


def render_form(
    form: api.Form, budget: Budget, project: Project | None, image_error: str | None = None
) -> str:
    alt = {
        key.partition(".")[2]: value
        for key, value in request.form.items()
        if key.startswith("image_alt.")
    }
    cover = api.attachments.cover(PROJECT_RESOURCE, project.id) if project else None
    return render_template(
        "budgets/admin/project_form.html",
        form=form,
        budget=budget,
        project=project,
        image_error=image_error,
        image_alt=alt or (cover.alt if cover else {}),
        cover=cover,
        max_size=int(current_app.config["ATTACHMENTS_MAX_BYTES"]),
    )


def image_alt() -> dict[str, str]:
    """The image's alternative text typed in each language (``image_alt.<locale>``)."""
    return {
        key.partition(".")[2]: value.strip()
        for key, value in request.form.items()
        if key.startswith("image_alt.") and value.strip()
    }


def attach_image(session: Any, budget: Budget, project: Project) -> str | None:
    """Store the uploaded image as the project's cover (checked by content, alt text
    required: ``api.attachments``); why it was refused, or ``None``."""
    upload = request.files.get("image")
    if upload is None or not upload.filename:
        if request.form.get("remove_image"):
            cover = api.attachments.cover(PROJECT_RESOURCE, project.id)
            if cover is not None:
                api.attachments.remove(cover)
        return None
    component = api.current_component()
    try:
        api.attachments.attach(
            upload,
            (PROJECT_RESOURCE, project.id),
            space=component.space,
            component=component,
            alt=image_alt(),
            cover=True,
            user=api.current_user(),
        )
    except api.attachments.AttachmentError as error:
        return str(error)
    project.image = None  # the image stored before attachments existed gives way
    return None


def read_project(
    form: api.Form, budget: Budget
) -> tuple[dict[str, Any] | None, str | None, bytes | None]:
    """Column values from a valid form, or ``None`` with errors shown; the image."""
    values = dict(form.data)
    try:
        values["cost"] = to_minor(values["cost"], budget.currency)
    except ValueError:
        form.add_error("cost", api._("This currency has fewer decimals: round the cost."))
        return None, None, None
    values["description"] = values.get("description") or {}
    values["address"] = values.get("address") or None
    values["code"] = values.get("code") or None
    return values, None, None


def save(budget: Budget, project: Project | None) -> Page:
    form = project_form(project, budget)
    if form.previewing(request.form):  # "Preview": draw the rendered description, save nothing
        return render_form(form, budget, project), 200
    if not form.validate(request.form):
        return render_form(form, budget, project), 400
    values, image_error, _content = read_project(form, budget)
    if values is None:
        return render_form(form, budget, project, image_error), 400
    session = api.db_session()
    existing = project
    if request.form.get("remove_image"):
        values["image"] = None
    try:
        if project is None:
            api.submissions.claim()  # the form sent twice at once: one project (docs/forms.md)
            project = changes.create(session, budget, values)
        else:
            changes.update(session, budget, project, values)
        session.flush()
    except changes.FrozenError as error:
        session.rollback()
        form.add_error("cost", str(error))
        return render_form(form, budget, project), 400
    image_error = attach_image(session, budget, project)
    if image_error:
        session.rollback()
        return render_form(form, budget, existing, image_error), 400
    location = url_for("budgets_admin.projects", budget_id=budget.id)
    api.submissions.made(location)  # only when the form was claimed, that is a new project
    session.commit()
    flash(api._("The project is saved."), "success")
    return redirect(location, 303)


@blueprint.route("/<int:budget_id>/projects/new", methods=["GET", "POST"])
@api.upload_limit("ATTACHMENTS_MAX_BYTES")
@api.requires(api.actions.ADMIN_SPACE)
def new_project(budget_id: int) -> Page:
    budget = load_budget(budget_id)
    if request.method == "GET":
        return render_form(project_form(None, budget), budget, None)
    return save(budget, None)


@blueprint.route("/<int:budget_id>/projects/<int:project_id>/edit", methods=["GET", "POST"])
@api.upload_limit("ATTACHMENTS_MAX_BYTES")
@api.requires(api.actions.ADMIN_SPACE)
def edit_project(budget_id: int, project_id: int) -> Page:
    budget = load_budget(budget_id)
    project = load_project(budget, project_id)
    if request.method == "GET":
        return render_form(project_form(project, budget), budget, project)
    return save(budget, project)


@blueprint.post("/<int:budget_id>/projects/<int:project_id>/delete")
@api.requires(api.actions.ADMIN_SPACE)
def delete_project(budget_id: int, project_id: int) -> Page:
    budget = load_budget(budget_id)
    project = load_project(budget, project_id)
    asked = api.confirm_first(
        title=api._("Delete the project %(title)s?", title=api.translated(project.title)),
        consequence=api._(
            "The project, its image and its follow-up are deleted for good; residents no longer "
            "see it."
        ),
        button=api._("Yes, delete the project"),
        cancel_url=url_for("budgets_admin.projects", budget_id=budget.id),
    )
    if asked is not None:
        return asked
    session = api.db_session()
    try:
        changes.delete(session, budget, project)
    except changes.FrozenError as error:
        session.rollback()
        flash(str(error), "error")
        return redirect(url_for("budgets_admin.projects", budget_id=budget.id), 303)
    session.commit()
    flash(api._("The project is deleted."), "success")
    return redirect(url_for("budgets_admin.projects", budget_id=budget.id), 303)
