"""A budget's projects and cast ballots as the outcome engine's :class:`Election`.

The same ``Election`` is counted, certified and exported as a ``.pb`` file, so
``pnyx budgets verify CERT.json FILE.pb`` checks a published certificate
against the published ballots. Ballots are anonymous: each carries the hash
of its receipt code (:func:`receipts.anonymous_id`) and they are sorted by
it, so neither the order nor the ids say who voted when.

Amounts are whole currency units when every cost and the budget are (the
usual case: ``budget;300000``), otherwise minor units; ``minor_per_unit``
says which, and META ``currency`` names the currency.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx_budgets.models import CAST, Ballot, BallotItem, Budget, Project
from pnyx_budgets.money import precision
from pnyx_budgets.outcomes.model import (
    ApprovalBallot,
    CumulativeBallot,
    Election,
    OrdinalBallot,
)
from pnyx_budgets.outcomes.model import Project as EngineProject
from pnyx_budgets.receipts import anonymous_id


@dataclass(frozen=True)
class Counted:
    """The election of a budget, how many minor units one of its units is, and the
    project id behind each of its project keys."""

    election: Election
    minor_per_unit: int
    ids: dict[str, int]


def unit_for(budget: Budget, costs: list[int]) -> int:
    """Minor units per election unit: whole currency units when nothing is lost."""
    scale = 10 ** precision(budget.currency)
    if all(value % scale == 0 for value in [budget.amount, *costs]):
        return scale
    return 1


def meta_of(budget: Budget, minor_per_unit: int) -> dict[str, str]:
    meta = {
        "description": api.translated(budget.title),
        "country": "",
        "unit": api.translated(budget.territory.name) if budget.territory else "",
        "instance": str(budget.id),
        "num_projects": "0",
        "num_votes": "0",
        "budget": str(budget.amount // minor_per_unit),
        "vote_type": budget.vote_type,
        "rule": budget.rule,
        "currency": budget.currency,
        "cost_unit": "1" if minor_per_unit > 1 else f"1/{10 ** precision(budget.currency)}",
    }
    optional = {
        "min_length": budget.min_projects,
        "max_length": budget.max_projects,
        "min_sum_cost": scaled(budget.min_total, minor_per_unit),
        "max_sum_cost": scaled(budget.max_total, minor_per_unit),
        "max_sum_points": budget.points_total,
        "max_points": budget.points_per_project,
        "min_project_score_threshold": budget.threshold,
    }
    meta |= {key: str(value) for key, value in optional.items() if value is not None}
    if budget.seed:  # ``pnyx budgets verify`` checks the certificate's seed against it
        meta["tie_break_seed"] = budget.seed
    if budget.vote_type == "ordinal" and budget.scoring:
        meta["scoring_fn"] = budget.scoring
    return meta


def scaled(value: int | None, minor_per_unit: int) -> int | None:
    # a limit that is not whole in the unit rounds towards the voter (it was checked in minor units)
    return None if value is None else -(-value // minor_per_unit)


def project_keys(projects: list[Project]) -> dict[int, str]:
    """Each project's id in the election: its code when every project has one (an
    imported pabulib election keeps its own ids), else its database id."""
    if projects and all(p.code for p in projects):
        return {p.id: str(p.code) for p in projects}
    return {p.id: str(p.id) for p in projects}


def election_of(session: Session, budget: Budget) -> Counted:
    """The budget's election: every project and every cast ballot, anonymised."""
    projects = list(
        session.scalars(select(Project).where(Project.budget_id == budget.id).order_by(Project.id))
    )
    unit = unit_for(budget, [p.cost for p in projects])
    keys = project_keys(projects)
    engine_projects = {
        keys[p.id]: EngineProject(id=keys[p.id], cost=p.cost // unit, name=api.translated(p.title))
        for p in projects
    }
    ballots = cast_ballots(session, budget, keys)
    election = Election(meta=meta_of(budget, unit), projects=engine_projects, ballots=ballots)
    return Counted(election, unit, {key: pid for pid, key in keys.items()})


def cast_ballots(
    session: Session, budget: Budget, keys: dict[int, str]
) -> tuple[ApprovalBallot | CumulativeBallot | OrdinalBallot, ...]:
    """The cast ballots, one query, sorted by their anonymous ids."""
    query = (
        select(Ballot.id, Ballot.receipt_code, BallotItem.project_id, BallotItem.points)
        .join(BallotItem, BallotItem.ballot_id == Ballot.id)
        .where(Ballot.budget_id == budget.id, Ballot.status == CAST)
        .order_by(Ballot.id, BallotItem.position, BallotItem.id)
        .execution_options(yield_per=2000)
    )
    lines: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for ballot_id, code, project_id, points in session.execute(query):
        lines[anonymous_id(code or f"#{ballot_id}")].append((keys[project_id], points))
    ballots = [make_ballot(budget.vote_type, voter, chosen) for voter, chosen in lines.items()]
    return tuple(sorted(ballots, key=lambda ballot: ballot.voter_id))


def make_ballot(
    vote_type: str, voter: str, chosen: list[tuple[str, int]]
) -> ApprovalBallot | CumulativeBallot | OrdinalBallot:
    if vote_type == "cumulative":
        ordered = sorted(chosen, key=lambda pair: (-pair[1], pair[0]))
        return CumulativeBallot(voter, tuple(ordered))
    if vote_type == "ordinal":
        return OrdinalBallot(voter, tuple(pid for pid, _ in chosen))
    return ApprovalBallot(voter, frozenset(pid for pid, _ in chosen))
