"""Admin pages: computing and publishing the outcome, exports, statistics.

Counts exist for administrators too only once voting is closed (the current
phase's "Voting is closed" setting): before that, the outcome cannot be
computed and the ballots cannot be exported.
"""

from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, url_for
from sqlalchemy import select

from pnyx import api
from pnyx_budgets import admin_stats, counting, exports, outcome_job, outcome_words
from pnyx_budgets.models import Outcome, Project
from pnyx_budgets.settings import voting_closed
from pnyx_budgets.views.admin import blueprint
from pnyx_budgets.views.common import load_budget
from pnyx_budgets.views.results import ballots_download, download


def outcome_row(budget_id: int) -> Outcome | None:
    return api.db_session().scalar(select(Outcome).where(Outcome.budget_id == budget_id))


@blueprint.get("/<int:budget_id>/outcome")
@api.requires(api.actions.ADMIN_SPACE)
def outcome(budget_id: int) -> str:
    budget = load_budget(budget_id)
    session = api.db_session()
    row = outcome_row(budget.id)
    titles = {}
    if row is not None:
        query = select(Project).where(Project.id.in_(row.summary["winners"]))
        titles = {p.id: p for p in session.scalars(query)}
    return render_template(
        "budgets/admin/outcome.html",
        budget=budget,
        row=row,
        titles=titles,
        closed=voting_closed(budget.component),
        figures=admin_stats.budget_figures(session, budget),
        rule_words=outcome_words.rule_in_words(row.rule) if row else "",
        parameter_words=outcome_words.parameters_in_words(row, budget) if row else [],
    )


@blueprint.post("/<int:budget_id>/outcome/compute")
@api.requires(api.actions.ADMIN_SPACE)
def compute(budget_id: int) -> Response:
    budget = load_budget(budget_id)
    if not voting_closed(budget.component):
        flash(api._("Close voting first (in the current phase's settings)."), "error")
        return redirect(url_for("budgets_admin.outcome", budget_id=budget.id), 303)
    row = outcome_row(budget.id)
    if row is not None and row.published_at is not None:
        flash(api._("The outcome is published: it can no longer change."), "error")
        return redirect(url_for("budgets_admin.outcome", budget_id=budget.id), 303)
    outcome_job.request_outcome(api.db_session(), budget)
    api.db_session().commit()
    flash(
        api._("The outcome is being computed. Reload this page in a moment to check it."),
        "success",
    )
    return redirect(url_for("budgets_admin.outcome", budget_id=budget.id), 303)


@blueprint.post("/<int:budget_id>/outcome/publish")
@api.requires(api.actions.ADMIN_SPACE)
def publish(budget_id: int) -> Response | tuple[str, int]:
    budget = load_budget(budget_id)
    asked = api.confirm_first(
        title=api._("Publish the outcome of %(title)s?", title=api.translated(budget.title)),
        consequence=api._(
            "Residents see the selected projects and the counts at once. A published outcome is "
            "final: it can no longer be computed again nor withdrawn."
        ),
        button=api._("Yes, publish the outcome"),
        cancel_url=url_for("budgets_admin.outcome", budget_id=budget.id),
        danger=False,
    )
    if asked is not None:
        return asked
    session = api.db_session()
    try:
        counting.publish(session, budget)
    except counting.CountingError as error:
        session.rollback()
        flash(str(error), "error")
        return redirect(url_for("budgets_admin.outcome", budget_id=budget.id), 303)
    session.commit()
    flash(api._("The outcome is published. It can no longer change."), "success")
    return redirect(url_for("budgets_admin.outcome", budget_id=budget.id), 303)


@blueprint.get("/<int:budget_id>/exports/projects.csv")
@api.requires(api.actions.ADMIN_SPACE)
def export_projects(budget_id: int) -> Response:
    budget = load_budget(budget_id)
    rows = list(exports.project_rows(api.db_session(), budget))
    return download(exports.stream_csv(rows), f"budget-{budget.id}-projects.csv", "text/csv")


@blueprint.get("/<int:budget_id>/exports/results.csv")
@api.requires(api.actions.ADMIN_SPACE)
def export_results(budget_id: int) -> Response:
    budget = load_budget(budget_id)
    row = outcome_row(budget.id)
    if row is None:
        abort(404)
    query = select(Project).where(Project.budget_id == budget.id).order_by(Project.id)
    found = list(api.db_session().scalars(query))
    rows = list(exports.result_rows(budget, row, found))
    return download(exports.stream_csv(rows), f"budget-{budget.id}-results.csv", "text/csv")


@blueprint.get("/<int:budget_id>/exports/ballots.csv")
@api.requires(api.actions.ADMIN_SPACE)
def export_ballots(budget_id: int) -> Response:
    budget = load_budget(budget_id)
    if not voting_closed(budget.component):
        abort(404)
    return ballots_download(budget)


@blueprint.get("/<int:budget_id>/exports/ballots.pb")
@api.requires(api.actions.ADMIN_SPACE)
def export_pabulib(budget_id: int) -> Response:
    budget = load_budget(budget_id)
    if not voting_closed(budget.component):
        abort(404)
    text = exports.pabulib_text(api.db_session(), budget)
    return download(text, f"budget-{budget.id}.pb", "text/plain")


@blueprint.get("/<int:budget_id>/statistics")
@api.requires(api.actions.ADMIN_SPACE)
def statistics(budget_id: int) -> str:
    budget = load_budget(budget_id)
    session = api.db_session()
    return render_template(
        "budgets/admin/statistics.html",
        budget=budget,
        figures=admin_stats.budget_figures(session, budget),
        territories=admin_stats.by_territory(session, budget),
        ages=admin_stats.by_age(session, budget),
    )
