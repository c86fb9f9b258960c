"""Changing one's mind: edit a copy of the cast ballot, keep the cast one, or cancel it.

"Change my ballot" makes a draft copy (the cast ballot and its receipt keep
counting until the copy is cast, see :mod:`pnyx_budgets.ballot_changes`);
"Keep my cast ballot" drops the copy; "Cancel my ballot" first shows a page
that says what cancelling does, and only its form withdraws the vote.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import flash, redirect, render_template, url_for
from sqlalchemy.orm import Session
from werkzeug.wrappers import Response

from pnyx import api
from pnyx_budgets import ballot_changes, eligibility
from pnyx_budgets.models import Budget
from pnyx_budgets.views.common import load_budget, panel, template_context
from pnyx_budgets.views.public import blueprint
from pnyx_budgets.views.voting import Page

VOTE = eligibility.VOTE
Change = Callable[[Session, Budget, api.User], str | None]


def apply(budget_id: int, change: Change, done: str, then: str) -> Response:
    """Run one change under the voter's lock, commit, and say what happened."""
    budget = load_budget(budget_id)
    user = api.current_user()
    assert user is not None  # budgets.vote is for signed-in people
    session = api.db_session()
    problem = change(session, budget, user)
    if problem:
        session.rollback()
        flash(problem, "error")
        return redirect(url_for("budgets.receipt", budget_id=budget.id), 303)
    session.commit()
    flash(done, "success")
    return redirect(url_for(then, budget_id=budget.id), 303)


@blueprint.post("/<int:budget_id>/ballot/change")
@api.requires(VOTE)
def change(budget_id: int) -> Response:
    return apply(
        budget_id,
        ballot_changes.start_change,
        api._(
            "You are changing a copy of your ballot. Your cast ballot still counts "
            "until you confirm the new one."
        ),
        "budgets.ballot",
    )


@blueprint.post("/<int:budget_id>/ballot/keep")
@api.requires(VOTE)
def keep(budget_id: int) -> Response:
    return apply(
        budget_id,
        ballot_changes.discard_change,
        api._("Your changes are discarded: your cast ballot counts, unchanged."),
        "budgets.receipt",
    )


@blueprint.get("/<int:budget_id>/ballot/cancel")
@api.requires(VOTE)
def cancel_page(budget_id: int) -> Page:
    """What cancelling does, and the one button that does it."""
    budget = load_budget(budget_id)
    shown = panel(budget)
    if shown.voted is None:
        return redirect(url_for("budgets.ballot", budget_id=budget.id))
    return render_template("budgets/cancel.html", **template_context(budget), panel=shown)


@blueprint.post("/<int:budget_id>/ballot/cancel")
@api.requires(VOTE)
def cancel(budget_id: int) -> Response:
    return apply(
        budget_id,
        ballot_changes.cancel,
        api._("Your ballot is cancelled: it no longer counts."),
        "budgets.ballot",
    )
