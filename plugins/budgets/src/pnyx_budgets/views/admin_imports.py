"""Admin pages: importing projects from a CSV file or from accepted proposals."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from sqlalchemy import select

from pnyx import api
from pnyx_budgets import imports
from pnyx_budgets.views.admin import Page, blueprint
from pnyx_budgets.views.common import load_budget

#: Errors listed after an import; the rest are counted.
SHOWN_ERRORS = 20


def announce(report: imports.Report) -> None:
    flash(
        api._(
            "Import done: %(created)s, %(updated)s, %(errors)s.",
            created=api.ngettext(
                "%(num)d project created", "%(num)d projects created", report.created
            ),
            updated=api.ngettext(
                "%(num)d project updated", "%(num)d projects updated", report.updated
            ),
            errors=api.ngettext(
                "%(num)d line with errors", "%(num)d lines with errors", len(report.errors)
            ),
        ),
        "success" if not report.errors else "error",
    )
    for line, message in report.errors[:SHOWN_ERRORS]:
        flash(api._("Line %(line)d: %(message)s", line=line, message=message), "error")


@blueprint.route("/<int:budget_id>/projects/import", methods=["GET", "POST"])
@api.upload_limit(imports.MAX_BYTES)
@api.requires(api.actions.ADMIN_SPACE)
def import_csv(budget_id: int) -> Page:
    budget = load_budget(budget_id)
    if request.method == "GET":
        return render_template("budgets/admin/import.html", budget=budget, error=None)
    upload = request.files.get("file")
    content = upload.read(imports.MAX_BYTES + 1) if upload and upload.filename else b""
    error = None
    if not content:
        error = api._("Choose a CSV file.")
    elif len(content) > imports.MAX_BYTES:
        error = api._("The file is too large: at most 5 MB.")
    if error:
        return render_template("budgets/admin/import.html", budget=budget, error=error), 400
    session = api.db_session()
    report = imports.import_csv(session, budget, content)
    api.log_action(
        session,
        "budgets.projects_imported",
        component=api.current_component(),
        extra={"budget_id": budget.id, "created": report.created, "updated": report.updated},
    )
    session.commit()
    announce(report)
    return redirect(url_for("budgets_admin.projects", budget_id=budget.id), 303)


@blueprint.route("/<int:budget_id>/projects/import-proposals", methods=["GET", "POST"])
@api.requires(api.actions.ADMIN_SPACE)
def import_proposals(budget_id: int) -> Page:
    budget = load_budget(budget_id)
    session = api.db_session()
    sources = imports.proposal_components(session, api.current_space().id)
    chosen = api.as_int(request.form.get("component_id"))
    source = next((c for c in sources if c.id == chosen), None)
    if request.method == "GET" or source is None:
        error = api._("Choose the proposals to import.") if request.method == "POST" else None
        page = render_template(
            "budgets/admin/import_proposals.html", budget=budget, sources=sources, error=error
        )
        return (page, 400) if error else page
    organization = session.scalar(select(api.Organization).limit(1))
    locale = organization.default_locale if organization else "en"
    report = imports.import_proposals(session, budget, source, locale)
    api.log_action(
        session,
        "budgets.proposals_imported",
        component=api.current_component(),
        extra={"budget_id": budget.id, "from_component_id": source.id, "created": report.created},
    )
    session.commit()
    announce(report)
    return redirect(url_for("budgets_admin.projects", budget_id=budget.id), 303)
