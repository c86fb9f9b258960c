"""Public pages: the budgets of a component, a budget's projects, one project.

Mounted by the core at ``/spaces/<space_slug>/budgets/<component_id>/``.
Everything works without JavaScript: filters are a GET form, choosing a
project is a POST form that redirects back (see :mod:`.voting`).
"""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request, send_from_directory
from werkzeug.wrappers import Response

from pnyx import api
from pnyx_budgets import images, queries, resources
from pnyx_budgets.views.common import (
    communes,
    counts_for,
    load_budget,
    load_project,
    outcome_of,
    panel,
    panels,
    read_filter,
    results_visible,
    template_context,
)

blueprint = Blueprint("budgets", __name__)


@blueprint.get("/")
@api.requires(api.actions.VIEW)
def index() -> str:
    session = api.db_session()
    budgets = queries.budgets_of(session, api.current_component().id)
    return render_template("budgets/index.html", panels=panels(budgets))


@blueprint.get("/<int:budget_id>/")
@api.requires(api.actions.VIEW)
def budget(budget_id: int) -> str:
    found = load_budget(budget_id)
    wanted = read_filter(found)
    projects = queries.projects_page(found.id, wanted)
    outcome = outcome_of(found)
    return render_template(
        "budgets/budget.html",
        **template_context(found),
        panel=panel(found),
        projects=projects,
        wanted=wanted,
        counts=counts_for(found),
        territories=communes(api.taxonomy_terms("territory")),
        themes=api.taxonomy_terms("theme"),
        results_shown=results_visible(found, outcome),
        max_cost_typed=request.args.get("max_cost", ""),
    )


@blueprint.get("/<int:budget_id>/projects/<int:project_id>")
@api.requires(api.actions.VIEW)
def project(budget_id: int, project_id: int) -> str:
    found = load_budget(budget_id)
    shown = load_project(found, project_id)
    outcome = outcome_of(found)
    return render_template(
        "budgets/project.html",
        **template_context(found),
        panel=panel(found),
        project=shown,
        counts=counts_for(found),
        proposals=resources.linked_proposals(shown),
        results_shown=results_visible(found, outcome),
    )


@blueprint.get("/<int:budget_id>/projects/<int:project_id>/image")
@api.requires(api.actions.VIEW)
def image(budget_id: int, project_id: int) -> Response:
    shown = load_project(load_budget(budget_id), project_id)
    if not shown.image:
        abort(404)
    response = send_from_directory(images.folder(), shown.image, max_age=86400)
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
