"""Computing a budget's outcome with the outcome engine, and publishing it for good.

Staff compute once voting is closed (the view checks the phase): the engine
counts the anonymised ballots (:mod:`.election`) with the budget's rule and
seed, and the result is stored with its certificate. Until published, staff
may compute again (after changing the rule, say); publishing is final: the
row never changes again, the projects get their selection status, and the
budget's ballots are frozen (:func:`ballots.closed_problem`).
"""

from __future__ import annotations

import math
from collections import Counter
from fractions import Fraction
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx_budgets.election import Counted, election_of
from pnyx_budgets.models import (
    BUDGET_RESOURCE,
    NOT_SELECTED,
    PROJECT_RESOURCE,
    SELECTED,
    Budget,
    Outcome,
    Project,
)
from pnyx_budgets.outcomes.certificate import ENGINE, MES_RULES, build_certificate
from pnyx_budgets.outcomes.equal_shares import voter_payments
from pnyx_budgets.outcomes.model import ApprovalBallot
from pnyx_budgets.outcomes.model import Outcome as EngineOutcome
from pnyx_budgets.outcomes.registry import compute_outcome
from pnyx_budgets.outcomes.scoring import project_scores, project_votes

#: Link name from a project to the proposals it comes from.
FROM_PROPOSAL = "budgets.from_proposal"
PROPOSAL_TYPE = "proposals_proposal"


class CountingError(Exception):
    """The outcome cannot be computed or published; the message says why."""


def compute(session: Session, budget: Budget, by_id: int | None = None) -> Outcome:
    """Count the budget's ballots with its rule; replaces an unpublished outcome.

    ``by_id``: who asked (the signed-in person by default; a job passes it).
    """
    row = session.scalar(select(Outcome).where(Outcome.budget_id == budget.id).with_for_update())
    if row is not None and row.published_at is not None:
        raise CountingError(api._("The outcome is published: it can no longer change."))
    counted = election_of(session, budget)
    try:
        result = compute_outcome(counted.election, budget.rule, seed=budget.seed)
    except ValueError as error:
        message = api._("This rule cannot count these ballots: %(error)s", error=error)
        raise CountingError(message) from None
    if row is None:
        row = Outcome(budget_id=budget.id)
        session.add(row)
    certificate = build_certificate(result, counted.election)
    row.rule, row.engine = result.rule, ENGINE
    row.parameters = dict(result.parameters)
    row.ballots_digest = certificate["ballots_digest"]
    row.ballots_count = len(counted.election.ballots)
    row.summary = summary_of(counted, result)
    row.certificate = certificate
    row.computed_at = api.utcnow()
    row.computed_by_id = by_id if by_id is not None else getattr(api.current_user(), "id", None)
    api.log_action(
        session,
        "budgets.outcome_computed",
        resource=(BUDGET_RESOURCE, budget.id),
        component=budget.component,
        actor_id=row.computed_by_id,
        extra={"rule": row.rule, "ballots": row.ballots_count},
    )
    return row


def summary_of(counted: Counted, result: EngineOutcome) -> dict[str, Any]:
    """What the pages show, computed once: winners, scores, votes, what MES lacked.

    Keyed by project id (``"12"``); ``keys`` maps the election's project keys
    (in the certificate) to project ids.
    """
    election, ids = counted.election, counted.ids
    return {
        "winners": [ids[key] for key in result.winners],
        "scores": {str(ids[k]): v for k, v in project_scores(election).items()},
        "votes": {str(ids[k]): v for k, v in project_votes(election).items()},
        "keys": ids,
        "minor_per_unit": counted.minor_per_unit,
        "total_cost": result.total_cost * counted.minor_per_unit,
        "lacked": lacked(counted, result) if result.rule in MES_RULES else {},
    }


def lacked(counted: Counted, result: EngineOutcome) -> dict[str, dict[str, Any]]:
    """For each unfunded project: the money its supporters still had, and what was missing.

    Voters with the same ballot pay the same, so each distinct ballot is
    replayed once; a project lacked ``cost - what its supporters had left``,
    that is about ``ceil(lacked / share)`` more supporters with a full share.
    """
    election = counted.election
    endowment = Fraction(result.parameters["endowment"])
    ballots = Counter(b.approved for b in election.ballots if isinstance(b, ApprovalBallot))
    left: Counter[str] = Counter()
    supporters: Counter[str] = Counter()
    for approved, voters in ballots.items():
        paid = sum((amount for _pid, amount in voter_payments(result, approved)), Fraction(0))
        for pid in approved:
            left[pid] += (endowment - paid) * voters
            supporters[pid] += voters
    explained = {}
    for pid, project in election.projects.items():
        if pid in result.winners:
            continue
        missing = max(Fraction(project.cost) - left[pid], Fraction(0))
        needed = math.ceil(missing / endowment) if endowment else 0
        explained[str(counted.ids[pid])] = {
            "supporters": supporters[pid],
            "had": str(left[pid] * counted.minor_per_unit),
            "lacked": str(missing * counted.minor_per_unit),
            "more_supporters": needed,
        }
    return explained


def publish(session: Session, budget: Budget) -> Outcome:
    """Make the computed outcome public and final; mark the projects selected or not."""
    row = session.scalar(select(Outcome).where(Outcome.budget_id == budget.id).with_for_update())
    if row is None:
        raise CountingError(api._("Compute the outcome before publishing it."))
    if row.published_at is not None:
        raise CountingError(api._("The outcome is already published."))
    row.published_at = api.utcnow()
    winners = set(row.summary["winners"])
    projects = session.scalars(select(Project).where(Project.budget_id == budget.id))
    for project in projects:
        project.selection = SELECTED if project.id in winners else NOT_SELECTED
        if project.id in winners:
            payload = {
                "project_id": project.id,
                "budget_id": budget.id,
                "component_id": budget.component_id,
                "proposal_ids": list(linked_proposals(session, project.id)),
            }
            api.publish_event(session, "budgets.project_selected", payload)
    # the core notifies the budget's followers (pnyx_budgets.followers)
    api.publish_event(
        session,
        "budgets.outcome_published",
        {"budget_id": budget.id, "component_id": budget.component_id},
    )
    api.log_action(
        session,
        "budgets.outcome_published",
        resource=(BUDGET_RESOURCE, budget.id),
        component=budget.component,
        visibility="public",
        extra={"rule": row.rule, "winners": sorted(winners)},
    )
    return row


def linked_proposals(session: Session, project_id: int) -> list[int]:
    source = (PROJECT_RESOURCE, project_id)
    return [int(i) for i in api.links.linked_ids(session, FROM_PROPOSAL, source=source)]


def published_outcome(session: Session, budget_id: int) -> Outcome | None:
    query = select(Outcome).where(Outcome.budget_id == budget_id, Outcome.published_at.is_not(None))
    return session.scalar(query)
