"""Results anyone can check: the results page, the certificate, the anonymised
ballots, the receipt check, and the follow-up of the selected projects.

Nothing here shows a count before the outcome is published (and the phase
shows results): not to residents, not to administrators.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from fractions import Fraction

from flask import Response, abort, render_template, request
from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload

from pnyx import api
from pnyx_budgets import exports, queries, receipts, vote_status
from pnyx_budgets.models import CAST, SELECTED, Ballot, Budget, Outcome, Project
from pnyx_budgets.views.common import (
    load_budget,
    outcome_of,
    results_visible,
    template_context,
)
from pnyx_budgets.views.public import blueprint


def published(budget: Budget) -> Outcome:
    """The published outcome when the phase shows results; else 404."""
    outcome = outcome_of(budget)
    if not results_visible(budget, outcome):
        abort(404)
    assert outcome is not None
    return outcome


def all_projects(budget: Budget) -> list[Project]:
    query = (
        select(Project)
        .where(Project.budget_id == budget.id)
        .options(joinedload(Project.territory))
        .order_by(Project.position, Project.id)
    )
    return list(api.db_session().scalars(query).unique())


def spend_by_territory(winners: list[Project]) -> list[tuple[str, int]]:
    spent: dict[str, int] = defaultdict(int)
    for project in winners:
        name = api.translated(project.territory.name) if project.territory else ""
        spent[name] += project.cost
    return sorted(spent.items(), key=lambda pair: (-pair[1], pair[0]))


@blueprint.get("/<int:budget_id>/results")
@api.requires(api.actions.VIEW)
def results(budget_id: int) -> str:
    budget = load_budget(budget_id)
    outcome = outcome_of(budget)
    if not results_visible(budget, outcome):
        return render_template(
            "budgets/results_pending.html",
            **template_context(budget),
            expected=vote_status.publication(budget.component),
        )
    assert outcome is not None
    projects = all_projects(budget)
    by_id = {project.id: project for project in projects}
    winners = [by_id[pid] for pid in outcome.summary["winners"] if pid in by_id]
    spent = sum(project.cost for project in winners)
    others = [p for p in projects if p.id not in set(outcome.summary["winners"])]
    others.sort(key=lambda p: -int(outcome.summary["scores"].get(str(p.id), 0)))
    return render_template(
        "budgets/results.html",
        **template_context(budget),
        winners=winners,
        others=others,
        spent=spent,
        share=Fraction(spent, budget.amount) if budget.amount else Fraction(0),
        territories=spend_by_territory(winners),
        lacked={int(k): v for k, v in outcome.summary.get("lacked", {}).items()},
        fraction=Fraction,
    )


@blueprint.get("/<int:budget_id>/results/how-to-check")
@api.requires(api.actions.VIEW)
def how_to_check(budget_id: int) -> str:
    """The documentation of the verifier, where residents look for it."""
    budget = load_budget(budget_id)
    published(budget)
    return render_template("budgets/how_to_check.html", **template_context(budget))


@blueprint.get("/<int:budget_id>/results/certificate.json")
@api.requires(api.actions.VIEW)
def certificate(budget_id: int) -> Response:
    outcome = published(load_budget(budget_id))
    body = json.dumps(outcome.certificate, indent=1, sort_keys=True)
    return download(body, f"budget-{budget_id}-certificate.json", "application/json")


@blueprint.get("/<int:budget_id>/results/ballots.csv")
@api.requires(api.actions.VIEW)
def ballots_csv(budget_id: int) -> Response:
    budget = load_budget(budget_id)
    published(budget)
    return ballots_download(budget)


@blueprint.get("/<int:budget_id>/results/ballots.pb")
@api.requires(api.actions.VIEW)
def ballots_pb(budget_id: int) -> Response:
    budget = load_budget(budget_id)
    published(budget)
    text = exports.pabulib_text(api.db_session(), budget)
    return download(text, f"budget-{budget_id}.pb", "text/plain")


def ballots_download(budget: Budget) -> Response:
    """The anonymised ballots as CSV, streamed: the first bytes leave before the last ballots
    are read, and memory holds one batch of ballots (``exports.BallotExport``)."""
    session = api.db_session()
    export, engine = exports.BallotExport.of(session, budget), session.get_bind()

    def body() -> Iterator[str]:
        # Sent after the request's context is gone: a session of its own, closed at the end.
        with Session(engine) as own:
            yield from exports.stream_csv(export.rows(own))

    return download(body(), f"budget-{budget.id}-ballots.csv", "text/csv")


def download(body: str | Iterator[str], filename: str, mimetype: str) -> Response:
    """A file to save. Rows are read from the database in the view (the request's context
    ends before a streamed body is sent); the CSV text is then written as it is sent."""
    response = Response(body, mimetype=f"{mimetype}; charset=utf-8")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@blueprint.get("/<int:budget_id>/results/check")
@api.requires(api.actions.VIEW)
def check(budget_id: int) -> tuple[str, int] | str:
    """Is my ballot in the published ballots? The receipt code says, and nothing else does."""
    budget = load_budget(budget_id)
    if not results_visible(budget, outcome_of(budget)):
        # not a 404: the page exists, it says when codes can be checked
        page = render_template(
            "budgets/check_pending.html",
            **template_context(budget),
            expected=vote_status.publication(budget.component),
        )
        return page
    typed = request.args.get("code", "").strip()
    found: Ballot | None = None
    error = None
    if typed:
        code = receipts.normalise(typed)
        query = select(Ballot).where(
            Ballot.budget_id == budget.id, Ballot.receipt_code == code, Ballot.status == CAST
        )
        found = api.db_session().scalar(query.options(selectinload(Ballot.items)))
        if found is None:
            error = api._(
                "No published ballot has this receipt code. Check what you typed: "
                "the code is on your receipt page."
            )
    page = render_template(
        "budgets/check.html",
        **template_context(budget),
        typed=typed,
        found=found,
        anonymous_id=receipts.anonymous_id(found.receipt_code or "") if found else "",
        chosen=chosen_titles(found),
        error=error,
    )
    return (page, 400) if error else page


def chosen_titles(ballot: Ballot | None) -> list[Project]:
    if ballot is None:
        return []
    ids = [item.project_id for item in ballot.items]
    query = select(Project).where(Project.id.in_(ids))
    by_id = {project.id: project for project in api.db_session().scalars(query)}
    return [by_id[i] for i in ids if i in by_id]


@blueprint.get("/<int:budget_id>/follow-up")
@api.requires(api.actions.VIEW)
def follow_up(budget_id: int) -> str:
    budget = load_budget(budget_id)
    wanted = queries.ProjectFilter(selected_only=True)
    query = (
        queries.filtered_projects(budget.id, wanted)
        .options(joinedload(Project.territory), selectinload(Project.timeline))
        .order_by(Project.position, Project.id)
    )
    return render_template(
        "budgets/follow_up.html",
        **template_context(budget),
        projects=api.paginate(query),
        selected=SELECTED,
    )
