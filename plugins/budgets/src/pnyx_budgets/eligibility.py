"""Who may vote where: each budget's verifications, and the rule across budgets."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx_budgets.models import CAST, Ballot, Budget, Outcome
from pnyx_budgets.settings import ONE, UP_TO

VOTE = "budgets.vote"


def decision(user: api.User | None, budget: Budget) -> api.Decision:
    """The permission engine's answer for voting in ``budget``: the phase, the
    component's verifications, then the budget's own."""
    return api.decide(user, VOTE, budget)


def voted_budget_ids(session: Session, component_id: int, user_id: int) -> set[int]:
    """The budgets of the component where the person has cast a ballot."""
    query = (
        select(Ballot.budget_id)
        .join(Budget, Budget.id == Ballot.budget_id)
        .where(
            Budget.component_id == component_id,
            Ballot.voter_id == user_id,
            Ballot.status == CAST,
        )
    )
    return set(session.scalars(query))


def counted_budget_ids(session: Session, budget_ids: Sequence[int]) -> set[int]:
    """Budgets whose outcome was computed: their ballots are final."""
    if not budget_ids:
        return set()
    query = select(Outcome.budget_id).where(Outcome.budget_id.in_(list(budget_ids)))
    return set(session.scalars(query))


def across_budgets_problem(session: Session, budget: Budget, user_id: int) -> str | None:
    """:func:`rule_problem` for the person, reading their other ballots only when a rule
    across budgets is set (not with the default "vote in every budget": one query less)."""
    if api.current_settings(budget.component).get("voting_rule") not in (ONE, UP_TO):
        return None
    voted = voted_budget_ids(session, budget.component_id, user_id)
    return rule_problem(budget.component, budget, voted)


def rule_problem(component: api.Component, budget: Budget, voted: set[int]) -> str | None:
    """Why the rule across budgets forbids a ballot in ``budget`` now, or ``None``."""
    settings = api.current_settings(component)
    others = voted - {budget.id}
    rule = settings.get("voting_rule")
    changes = bool(settings.get("ballot_changes_allowed"))
    if rule == ONE and others:
        if changes:
            return api._(
                "You already voted in another budget, and each person votes in one budget "
                "only: cancel that ballot first to vote here."
            )
        return api._(
            "You already voted in another budget, and each person votes in one budget only."
        )
    most = int(settings.get("max_budgets") or 1)
    if rule == UP_TO and len(others) >= most:
        return api.ngettext(
            "You already voted in %(num)d budget, the most each person may vote in.",
            "You already voted in %(num)d budgets, the most each person may vote in.",
            most,
        )
    return None
