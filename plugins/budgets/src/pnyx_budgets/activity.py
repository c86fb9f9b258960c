"""What a person did in budgets, for "My activity" (issue 19): the budgets they voted in —
that they voted and when, never for what. Nothing on the public profile."""

from __future__ import annotations

from flask import current_app, has_request_context
from sqlalchemy import select

from pnyx import api
from pnyx_budgets.models import CAST, Ballot, Budget


def _path(budget: Budget) -> str:
    if has_request_context():
        return api.component_url(budget.component, "budget", budget_id=budget.id) or ""
    with current_app.test_request_context():
        return api.component_url(budget.component, "budget", budget_id=budget.id) or ""


def user_activity(user: api.User, public: bool, limit: int) -> list[api.ActivityItem]:
    if public:
        return []
    query = (
        select(Ballot.cast_at, Budget)
        .join(Budget, Budget.id == Ballot.budget_id)
        .where(Ballot.voter_id == user.id, Ballot.status == CAST)
        .order_by(Ballot.cast_at.desc())
        .limit(limit)
    )
    return [
        api.ActivityItem(api._("Voted in"), api.translated(budget.title), _path(budget), when)
        for when, budget in api.db_session().execute(query)
        if when is not None
    ]
