"""Computing an outcome in the background: equal shares on a city's ballots takes seconds,
longer than a request should (and a worker's timeout allows).

The admin's request marks the budget (``outcome_requested_at``) and enqueues
:func:`compute_outcome`; the outcome page says "computing…" until the job has stored the
outcome, or the reason it could not (``outcome_error``). A re-run of the job (a worker
killed mid-way) finds the mark gone and does nothing, or computes the same outcome again:
the rule and the seed decide it entirely.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx_budgets import counting
from pnyx_budgets.models import Budget


def request_outcome(session: Session, budget: Budget) -> None:
    """Ask for the outcome (it is computed after this request's commit)."""
    budget.outcome_requested_at = api.utcnow()
    budget.outcome_error = None
    by = api.current_user()
    api.enqueue(compute_outcome, budget.id, getattr(by, "id", None))


@api.job(retries=2, timeout=3600)
def compute_outcome(budget_id: int, by_id: int | None) -> None:
    session = api.db_session()
    budget = session.scalar(select(Budget).where(Budget.id == budget_id).with_for_update())
    if budget is None or budget.outcome_requested_at is None:
        return
    try:
        counting.compute(session, budget, by_id=by_id)
    except counting.CountingError as error:
        session.rollback()
        budget = session.get(Budget, budget_id)
        if budget is None:
            return
        budget.outcome_error = str(error)
    budget.outcome_requested_at = None
    session.commit()
