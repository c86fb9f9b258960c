"""Read queries of the pages: filtered project lists, counts, a person's ballots.

Each runs a fixed number of statements whatever the number of rows (themes
come in one extra ``IN`` query, territories in the same query), so a page's
query count does not grow with its length.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, joinedload, selectinload

from pnyx import api
from pnyx_budgets.models import (
    CAST,
    Ballot,
    BallotItem,
    Budget,
    Project,
    project_themes,
)


@dataclass(frozen=True)
class ProjectFilter:
    """What the project list is narrowed to (``None``: no filter)."""

    territory_id: int | None = None
    theme_id: int | None = None
    max_cost: int | None = None
    selected_only: bool = False
    #: Words to find in the title or description (accents and case do not matter).
    text: str = ""
    #: One of :data:`SORTS`.
    sort: str = "position"

    @property
    def active(self) -> bool:
        return bool(self.text) or any(
            v not in (None, False)
            for v in (self.territory_id, self.theme_id, self.max_cost, self.selected_only)
        )


#: The orders of the project list: as staff arranged them, cheapest or dearest first.
SORTS = ("position", "cheapest", "dearest")


def filtered_projects(budget_id: int, wanted: ProjectFilter) -> Select[tuple[Project]]:
    query = select(Project).where(Project.budget_id == budget_id)
    if wanted.territory_id is not None:
        query = query.where(Project.territory_id == wanted.territory_id)
    if wanted.theme_id is not None:
        themed = select(project_themes.c.project_id).where(
            project_themes.c.term_id == wanted.theme_id
        )
        query = query.where(Project.id.in_(themed))
    if wanted.max_cost is not None:
        query = query.where(Project.cost <= wanted.max_cost)
    if wanted.selected_only:
        query = query.where(Project.selection == "selected")
    if wanted.text:
        query = query.where(api.folded_matches(Project.search_text, wanted.text))
    return query


def projects_page(budget_id: int, wanted: ProjectFilter) -> api.Page[Project]:
    """The page of projects the request asks for, in their order."""
    query = (
        filtered_projects(budget_id, wanted)
        .options(joinedload(Project.territory), selectinload(Project.themes))
        .order_by(*project_order(wanted.sort))
    )
    return api.paginate(query)


def project_order(sort: str) -> tuple[Any, ...]:
    if sort == "cheapest":
        return (Project.cost, Project.id)
    if sort == "dearest":
        return (Project.cost.desc(), Project.id)
    return (Project.position, Project.id)


def budgets_of(session: Session, component_id: int) -> list[Budget]:
    query = (
        select(Budget)
        .where(Budget.component_id == component_id)
        .options(joinedload(Budget.territory))
        .order_by(Budget.position, Budget.id)
    )
    return list(session.scalars(query).unique())


def ballots_by_budget(
    session: Session, user: api.User | None, budget_ids: Sequence[int]
) -> dict[int, dict[str, Ballot]]:
    """The person's ballots in each of the budgets, by budget id then status.

    A budget may hold a draft and a cast ballot: the draft is then the copy the
    person edits while the cast ballot keeps counting.
    """
    if user is None or not budget_ids:
        return {}
    query = select(Ballot).where(Ballot.voter_id == user.id, Ballot.budget_id.in_(list(budget_ids)))
    found: dict[int, dict[str, Ballot]] = {}
    for ballot in session.scalars(query):
        found.setdefault(ballot.budget_id, {})[ballot.status] = ballot
    return found


def ballot_items(session: Session, ballot: Ballot | None) -> list[BallotItem]:
    """The ballot's lines with their projects, in ballot order, in one query."""
    if ballot is None:
        return []
    query = (
        select(BallotItem)
        .where(BallotItem.ballot_id == ballot.id)
        .options(joinedload(BallotItem.project))
        .order_by(BallotItem.position, BallotItem.id)
    )
    return list(session.scalars(query).unique())


def items_by_ballot(session: Session, ballot_ids: Sequence[int]) -> dict[int, list[BallotItem]]:
    """The lines of several ballots with their projects, in ballot order, in one query."""
    if not ballot_ids:
        return {}
    query = (
        select(BallotItem)
        .where(BallotItem.ballot_id.in_(list(ballot_ids)))
        .options(joinedload(BallotItem.project))
        .order_by(BallotItem.ballot_id, BallotItem.position, BallotItem.id)
    )
    found: dict[int, list[BallotItem]] = {}
    for item in session.scalars(query).unique():
        found.setdefault(item.ballot_id, []).append(item)
    return found


def vote_counts(session: Session, budget_id: int) -> dict[int, tuple[int, int]]:
    """``{project id: (ballots, points)}`` over the cast ballots (only shown once closed)."""
    query = (
        select(BallotItem.project_id, func.count(), func.sum(BallotItem.points))
        .join(Ballot, Ballot.id == BallotItem.ballot_id)
        .where(Ballot.budget_id == budget_id, Ballot.status == CAST)
        .group_by(BallotItem.project_id)
    )
    return {pid: (int(n), int(points or 0)) for pid, n, points in session.execute(query)}


def count_ballots(session: Session, budget_id: int, *, cast_only: bool = False) -> int:
    query = select(func.count()).select_from(Ballot).where(Ballot.budget_id == budget_id)
    if cast_only:
        query = query.where(Ballot.status == CAST)
    return int(session.scalar(query) or 0)
