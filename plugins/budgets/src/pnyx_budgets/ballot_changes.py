"""Changing one's mind about a cast ballot: a draft copy, discarding it, cancelling.

A cast ballot is never turned back into a draft. "Change my ballot" copies it
into a draft that the person edits while the cast ballot and its receipt keep
counting; casting the copy replaces the cast ballot atomically
(:func:`ballots.checkout`). "Cancel my ballot" deletes it, after a page that
says what this does. Each function takes the voter's lock first, like
:mod:`ballots`, returns ``None`` when done or a message; the caller commits.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from pnyx import api
from pnyx_budgets.ballots import changes_allowed, closed_problem, own_ballots, touch
from pnyx_budgets.locks import lock_voter
from pnyx_budgets.models import BUDGET_RESOURCE, DRAFT, Ballot, BallotItem, Budget


def NOT_ALLOWED() -> str:  # noqa: N802  (reads as the constant message it is)
    return api._("Ballots cannot be changed once cast in this vote.")


def locked_ballots(
    session: Session, budget: Budget, user: api.User
) -> tuple[Ballot | None, Ballot | None, str | None]:
    """``(draft, cast, problem)`` under the voter's lock, when changes are possible."""
    if not changes_allowed(budget):
        return None, None, NOT_ALLOWED()
    lock_voter(session, budget.component_id, user.id)
    problem = closed_problem(session, budget)
    if problem:
        return None, None, problem
    draft, cast = own_ballots(session, budget.id, user.id)
    return draft, cast, None


def start_change(session: Session, budget: Budget, user: api.User) -> str | None:
    """Copy the cast ballot into a draft to edit (nothing to do if the copy exists)."""
    draft, cast, problem = locked_ballots(session, budget, user)
    if problem:
        return problem
    if cast is None:
        return api._("You have no cast ballot in this budget.")
    if draft is not None:
        return None
    copy = Ballot(budget_id=budget.id, voter_id=user.id, status=DRAFT)
    copy.items = [
        BallotItem(project_id=item.project_id, points=item.points, position=item.position)
        for item in cast.items
    ]
    session.add(copy)
    session.flush()
    touch(session, copy, budget, "budgets.ballot_change_started")
    return None


def discard_change(session: Session, budget: Budget, user: api.User) -> str | None:
    """Drop the draft copy; the cast ballot stays as it was."""
    draft, cast, problem = locked_ballots(session, budget, user)
    if problem:
        return problem
    if draft is not None and cast is not None:
        session.delete(draft)
        log(session, budget, "budgets.ballot_change_discarded")
    return None


def cancel(session: Session, budget: Budget, user: api.User) -> str | None:
    """Withdraw the vote: delete the cast ballot (and a copy being edited)."""
    draft, cast, problem = locked_ballots(session, budget, user)
    if problem:
        return problem
    if cast is None:
        return None  # already withdrawn: a second click changes nothing
    for ballot in (draft, cast):
        if ballot is not None:
            session.delete(ballot)
    log(session, budget, "budgets.ballot_cancelled")
    return None


def log(session: Session, budget: Budget, action: str) -> None:
    api.log_action(
        session,
        action,
        resource=(BUDGET_RESOURCE, budget.id),
        component=budget.component,
        visibility="private",
    )
