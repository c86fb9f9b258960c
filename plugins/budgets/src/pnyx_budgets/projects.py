"""Creating, changing and deleting projects, for the admin pages and the imports.

Once a ballot exists in a budget, its projects' costs are frozen and no project
is added or deleted: each change takes the budget's row lock (exclusive)
first, which checkouts share, then counts the ballots.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx_budgets import queries
from pnyx_budgets.locks import lock_budget
from pnyx_budgets.models import PROJECT_RESOURCE, Budget, Project


class FrozenError(Exception):
    """Ballots exist: the change would alter what voters chose from."""


def frozen_message() -> str:
    return api._(
        "Ballots exist in this budget: projects can no longer be added or deleted, "
        "nor their costs changed."
    )


def guard(session: Session, budget: Budget) -> None:
    """Lock the budget and refuse when ballots exist in it."""
    lock_budget(session, budget.id, exclusive=True)
    if queries.count_ballots(session, budget.id):
        raise FrozenError(frozen_message())


def themes_by_id(session: Session, ids: list[int]) -> list[api.TaxonomyTerm]:
    if not ids:
        return []
    query = select(api.TaxonomyTerm).where(
        api.TaxonomyTerm.id.in_(ids), api.TaxonomyTerm.kind == "theme"
    )
    return list(session.scalars(query))


def create(session: Session, budget: Budget, values: dict[str, Any]) -> Project:
    """A new project (``values``: column values, ``themes`` a list of term ids)."""
    guard(session, budget)
    theme_ids = values.pop("themes", [])
    project = Project(budget_id=budget.id, **values)
    project.themes = themes_by_id(session, theme_ids)
    session.add(project)
    session.flush()
    log(session, budget, project, "budgets.project_created")
    return project


def update(session: Session, budget: Budget, project: Project, values: dict[str, Any]) -> None:
    """Change a project; its cost only while no ballot exists."""
    theme_ids = values.pop("themes", None)
    if "cost" in values and values["cost"] != project.cost:
        guard(session, budget)
    for name, value in values.items():
        setattr(project, name, value)
    if theme_ids is not None:
        project.themes = themes_by_id(session, theme_ids)
    log(session, budget, project, "budgets.project_updated")


def delete(session: Session, budget: Budget, project: Project) -> None:
    guard(session, budget)
    log(session, budget, project, "budgets.project_deleted")
    session.delete(project)


def log(session: Session, budget: Budget, project: Project, action: str) -> None:
    api.log_action(
        session, action, resource=(PROJECT_RESOURCE, project.id), component=budget.component
    )
