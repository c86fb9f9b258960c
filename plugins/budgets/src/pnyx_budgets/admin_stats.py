"""Participation figures: voters, turnout per territory and per age bracket.

Only the number of ballots is counted here, never their content: these
figures may be shown while voting is open.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx_budgets.demographics import BRACKETS, OLDEST
from pnyx_budgets.models import CAST, DRAFT, Ballot, Budget, Project


def budget_figures(session: Session, budget: Budget) -> dict[str, int]:
    """Cast ballots, drafts and projects of one budget, in one query."""
    query = select(
        select(func.count())
        .where(Ballot.budget_id == budget.id, Ballot.status == CAST)
        .scalar_subquery(),
        select(func.count())
        .where(Ballot.budget_id == budget.id, Ballot.status == DRAFT)
        .scalar_subquery(),
        select(func.count()).where(Project.budget_id == budget.id).scalar_subquery(),
    )
    cast, drafts, projects = session.execute(query).one()
    return {"cast": int(cast), "drafts": int(drafts), "projects": int(projects)}


def by_territory(session: Session, budget: Budget) -> list[tuple[str, int]]:
    """Cast ballots per declared territory of the voter ("" when unknown)."""
    query = (
        select(api.TaxonomyTerm.name, func.count())
        .select_from(Ballot)
        .outerjoin(api.TaxonomyTerm, api.TaxonomyTerm.id == Ballot.territory_id)
        .where(Ballot.budget_id == budget.id, Ballot.status == CAST)
        .group_by(api.TaxonomyTerm.id, api.TaxonomyTerm.name)
    )
    rows = [(api.translated(name) if name else "", int(n)) for name, n in session.execute(query)]
    return sorted(rows, key=lambda pair: (-pair[1], pair[0]))


def by_age(session: Session, budget: Budget) -> list[tuple[str, int]]:
    """Cast ballots per age bracket, in age order ("" when unknown)."""
    query = (
        select(Ballot.age_bracket, func.count())
        .where(Ballot.budget_id == budget.id, Ballot.status == CAST)
        .group_by(Ballot.age_bracket)
    )
    counts = {bracket or "": int(n) for bracket, n in session.execute(query)}
    order = [name for _upper, name in BRACKETS] + [OLDEST, ""]
    return [(name, counts[name]) for name in order if name in counts]


def voters(session: Session, component: api.Component) -> int:
    """People who cast at least one ballot in the component (anonymous ballots count once each)."""
    cast = (
        select(Ballot.voter_id)
        .join(Budget, Budget.id == Ballot.budget_id)
        .where(Budget.component_id == component.id, Ballot.status == CAST)
    )
    known = select(func.count(func.distinct(cast.subquery().c.voter_id)))
    anonymous = (
        select(func.count())
        .select_from(Ballot)
        .join(Budget, Budget.id == Ballot.budget_id)
        .where(
            Budget.component_id == component.id,
            Ballot.status == CAST,
            Ballot.voter_id.is_(None),
        )
    )
    return int(session.scalar(known) or 0) + int(session.scalar(anonymous) or 0)


def projects(session: Session, component: api.Component) -> int:
    query = (
        select(func.count())
        .select_from(Project)
        .join(Budget, Budget.id == Project.budget_id)
        .where(Budget.component_id == component.id)
    )
    return int(session.scalar(query) or 0)


def definitions() -> list[api.StatDefinition]:
    return [
        api.StatDefinition("budgets_voters", api._l("Voters"), voters),
        api.StatDefinition("budgets_projects", api._l("Projects"), projects),
    ]
