"""Admin pages: the follow-up of a project — status, progress, dated timeline."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for

from pnyx import api
from pnyx_budgets import followup
from pnyx_budgets.models import Budget, Project, TimelineEntry
from pnyx_budgets.views.admin import Page, blueprint
from pnyx_budgets.views.common import load_budget, load_project
from pnyx_budgets.views.forms import FollowUpSchema, TimelineSchema


def render(
    budget: Budget, project: Project, status_form: api.Form, entry_form: api.Form, code: int = 200
) -> tuple[str, int]:
    page = render_template(
        "budgets/admin/follow_up.html",
        budget=budget,
        project=project,
        status_form=status_form,
        entry_form=entry_form,
    )
    return page, code


def forms_of(project: Project) -> tuple[api.Form, api.Form]:
    values = {"follow_status": project.follow_status, "progress": project.progress}
    status_form = api.Form(FollowUpSchema, values, prefix="followup")
    entry_form = api.Form(TimelineSchema, {"day": api.utcnow().date()}, prefix="entry")
    return status_form, entry_form


@blueprint.route("/<int:budget_id>/projects/<int:project_id>/follow-up", methods=["GET", "POST"])
@api.requires(api.actions.ADMIN_SPACE)
def follow_up(budget_id: int, project_id: int) -> Page:
    budget = load_budget(budget_id)
    project = load_project(budget, project_id)
    status_form, entry_form = forms_of(project)
    if request.method == "GET":
        return render(budget, project, status_form, entry_form)
    session = api.db_session()
    if request.form.get("form") == "entry":
        if not entry_form.validate(request.form):
            return render(budget, project, status_form, entry_form, 400)
        data = entry_form.data
        api.submissions.claim()  # the form sent twice at once: one entry (docs/forms.md)
        followup.add_entry(session, project, data["day"], data["title"], data.get("body") or {})
        message = api._("The timeline entry is added.")
    else:
        if not status_form.validate(request.form):
            return render(budget, project, status_form, entry_form, 400)
        data = status_form.data
        # Sent twice, the status wrote two public "follow-up updated" entries.
        api.submissions.claim()
        followup.update(session, project, data["follow_status"], data["progress"])
        message = api._("The follow-up is saved.")
    location = url_for("budgets_admin.follow_up", budget_id=budget.id, project_id=project.id)
    api.submissions.made(location)
    session.commit()
    flash(message, "success")
    return redirect(location, 303)


@blueprint.post("/<int:budget_id>/projects/<int:project_id>/timeline/delete")
@api.requires(api.actions.ADMIN_SPACE)
def delete_entry(budget_id: int, project_id: int) -> Page:
    budget = load_budget(budget_id)
    project = load_project(budget, project_id)
    session = api.db_session()
    entry = session.get(TimelineEntry, api.as_int(request.form.get("entry_id")) or 0)
    if entry is None or entry.project_id != project.id:
        abort(404)
    asked = api.confirm_first(
        title=api._("Delete the timeline entry %(title)s?", title=api.translated(entry.title)),
        consequence=api._("Residents no longer see this entry in the project's follow-up."),
        button=api._("Yes, delete the entry"),
        cancel_url=url_for("budgets_admin.follow_up", budget_id=budget.id, project_id=project.id),
    )
    if asked is not None:
        return asked
    followup.delete_entry(session, entry)
    session.commit()
    flash(api._("The timeline entry is deleted."), "success")
    return redirect(
        url_for("budgets_admin.follow_up", budget_id=budget.id, project_id=project.id), 303
    )
