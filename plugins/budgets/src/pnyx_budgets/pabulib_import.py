"""Importing a pabulib election as a budget: its projects and its anonymous ballots.

Replays a real election in Pnyx (Warsaw, Kraków, Toulouse...): the budget
gets the file's ballot format and rule, each project keeps its pabulib id as
its code, and each ballot is cast, anonymous (no voter) and given a random
receipt code nobody holds. Ballots are inserted in batches, so 60 000 ballots
take a few seconds.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from pnyx import api
from pnyx_budgets import receipts
from pnyx_budgets.models import CAST, Ballot, BallotItem, Budget, Project
from pnyx_budgets.money import CURRENCIES, precision
from pnyx_budgets.outcomes.model import CumulativeBallot, Election
from pnyx_budgets.outcomes.registry import PABULIB_NAMES, RULES

BATCH = 2000


def int_or_none(meta: dict[str, str], key: str) -> int | None:
    value = (meta.get(key) or "").strip()
    try:
        return int(float(value)) if value else None
    except ValueError:
        return None


def budget_values(election: Election, locale: str, scale: int, currency: str) -> dict[str, Any]:
    meta = dict(election.meta)
    rule = PABULIB_NAMES.get(meta.get("rule", ""), meta.get("rule", ""))
    title = meta.get("description") or meta.get("instance") or meta.get("unit") or "pabulib"
    min_cost, max_cost = int_or_none(meta, "min_sum_cost"), int_or_none(meta, "max_sum_cost")
    return {
        "title": {locale: title[:200]},
        "description": {},
        "amount": int(election.budget * scale),
        "currency": currency,
        "vote_type": election.vote_type,
        "min_projects": int_or_none(meta, "min_length"),
        "max_projects": int_or_none(meta, "max_length"),
        "min_total": None if min_cost is None else min_cost * scale,
        "max_total": None if max_cost is None else max_cost * scale,
        "points_total": int_or_none(meta, "max_sum_points"),
        "points_per_project": int_or_none(meta, "max_points"),
        "scoring": meta.get("scoring_fn", "") if "," in meta.get("scoring_fn", "") else "",
        "rule": rule if rule in RULES else "greedy",
        "threshold": int_or_none(meta, "min_project_score_threshold"),
    }


def import_election(
    session: Session, component: api.Component, election: Election, locale: str
) -> Budget:
    """Create the budget, its projects and its cast ballots (the caller commits)."""
    currency = (election.meta.get("currency") or "EUR").upper()
    currency = currency if currency in CURRENCIES else "EUR"
    scale = 10 ** precision(currency)
    budget = Budget(component_id=component.id, **budget_values(election, locale, scale, currency))
    session.add(budget)
    session.flush()
    ids = {}
    for position, project in enumerate(election.projects.values()):
        row = Project(
            budget_id=budget.id,
            code=project.id[:64],
            title={locale: project.name or project.id},
            cost=project.cost * scale,
            position=position,
        )
        session.add(row)
        session.flush()
        ids[project.id] = row.id
    insert_ballots(session, budget, election, ids)
    api.log_action(
        session,
        "budgets.pabulib_imported",
        component=component,
        extra={"budget_id": budget.id, "ballots": len(election.ballots)},
    )
    return budget


def insert_ballots(
    session: Session, budget: Budget, election: Election, ids: dict[str, int]
) -> None:
    ballots = list(election.ballots)
    now = api.utcnow()
    for start in range(0, len(ballots), BATCH):
        chunk = ballots[start : start + BATCH]
        rows = [
            {
                "budget_id": budget.id,
                "status": CAST,
                "receipt_code": receipts.new_code(),
                "cast_at": now,
                "created_at": now,
                "updated_at": now,
            }
            for _ in chunk
        ]
        statement = insert(Ballot).returning(Ballot.id, sort_by_parameter_order=True)
        ballot_ids = list(session.scalars(statement, rows))
        items = list(item_rows(chunk, ballot_ids, ids))
        if items:
            session.execute(insert(BallotItem), items)


def item_rows(chunk: list, ballot_ids: list[int], ids: dict[str, int]) -> Iterator[dict]:
    for ballot, ballot_id in zip(chunk, ballot_ids, strict=True):
        if isinstance(ballot, CumulativeBallot):
            chosen = [(pid, points) for pid, points in ballot.points if points > 0]
        else:
            chosen = [(pid, 1) for pid in ballot.projects]
        for position, (pid, points) in enumerate(chosen):
            yield {
                "ballot_id": ballot_id,
                "project_id": ids[pid],
                "points": points,
                "position": position,
            }
