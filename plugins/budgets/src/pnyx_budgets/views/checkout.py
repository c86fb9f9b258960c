"""Confirming and casting a ballot, and the receipt.

Checkout reads the ballot and the costs again from the database under row
locks (:func:`ballots.checkout`); a ballot that no longer fits the rules
comes back to the confirmation page (status 400) with what to change.
Changing one's mind is in :mod:`.changes`.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for

from pnyx import api
from pnyx_budgets import after_vote, ballots, eligibility, explain, queries
from pnyx_budgets.views.common import (
    load_budget,
    outcome_of,
    panel,
    results_visible,
    template_context,
)
from pnyx_budgets.views.public import blueprint
from pnyx_budgets.views.voting import Page, refused

VOTE = eligibility.VOTE


@blueprint.get("/<int:budget_id>/ballot/confirm")
@api.requires(VOTE)
def confirm(budget_id: int) -> Page:
    budget = load_budget(budget_id)
    shown = panel(budget)
    if not shown.decision:
        return refused(budget, shown.decision)
    if shown.cast:
        return redirect(url_for("budgets.receipt", budget_id=budget.id))
    if not shown.items and not shown.changing:
        return redirect(url_for("budgets.ballot", budget_id=budget.id))
    return render_template("budgets/confirm.html", **template_context(budget), panel=shown)


@blueprint.post("/<int:budget_id>/ballot/checkout")
@api.requires(VOTE)
def checkout(budget_id: int) -> Page:
    session = api.db_session()
    # read once, under the shared lock the checkout needs (not once more to lock it)
    budget = ballots.locked_for_checkout(session, budget_id, api.current_component().id)
    if budget is None:
        abort(404)
    user = api.current_user()
    assert user is not None
    decision = eligibility.decision(user, budget)
    if not decision:
        return refused(budget, decision)
    done = ballots.checkout(session, budget, user)
    problems = done.problems
    if problems or done.ballot is None:
        session.rollback()
        page = render_template(
            "budgets/confirm.html",
            **template_context(budget),
            panel=panel(budget),
            problems=problems,
        )
        return page, 400
    session.commit()
    if not done.already_cast:
        # the follow and the e-mail: after the response, retried (pnyx_budgets.after_vote)
        api.enqueue(after_vote.after_cast, done.ballot.id, done.replaced)
    if done.replaced:
        flash(
            api._(
                "Your new ballot is cast and replaces the previous one. Keep the new receipt "
                "code below: the previous code is no longer valid."
            ),
            "success",
        )
    else:
        flash(api._("Your ballot is cast. Thank you for voting!"), "success")
    return redirect(url_for("budgets.receipt", budget_id=budget.id), 303)


@blueprint.get("/<int:budget_id>/receipt")
@api.requires(api.actions.ACCOUNT)
def receipt(budget_id: int) -> Page:
    budget = load_budget(budget_id)
    shown = panel(budget)
    if shown.voted is None:
        return redirect(url_for("budgets.ballot", budget_id=budget.id))
    # while a copy is edited, the receipt shows the cast ballot: the one that counts
    items = shown.items if shown.cast else queries.ballot_items(api.db_session(), shown.voted)
    outcome = outcome_of(budget)
    explanation = None
    if outcome is not None and results_visible(budget, outcome):
        explanation = explain.explain_voter(outcome, {item.project_id for item in items})
    titles = {item.project_id: item.project for item in items}
    lacking = {}
    if explanation is not None:
        lacking = project_titles(budget.id, [u.project_id for u in explanation.unfunded])
    return render_template(
        "budgets/receipt.html",
        **template_context(budget),
        panel=shown,
        ballot=shown.voted,
        items=items,
        explanation=explanation,
        projects={**lacking, **titles},
        changes_allowed=bool(api.current_settings().get("ballot_changes_allowed")),
    )


def project_titles(budget_id: int, ids: list[int]) -> dict:
    session = api.db_session()
    found = queries.filtered_projects(budget_id, queries.ProjectFilter())
    return {p.id: p for p in session.scalars(found.where(queries.Project.id.in_(ids)))}
