"""The site-wide search's answer for budget projects (``search_resources``)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from pnyx import api
from pnyx_budgets.models import Budget, Project


def search(text: str, limit: int) -> list[api.SearchResult]:
    """Projects whose title or description matches ``text`` (every language); the core
    drops those whose space or component the person may not see."""
    query = (
        select(Project)
        .where(api.folded_matches(Project.search_text, text))
        .options(
            joinedload(Project.budget).joinedload(Budget.component).joinedload(api.Component.space)
        )
        .order_by(Project.id.desc())
        .limit(limit)
    )
    return [
        api.SearchResult(
            kind=api._("Budget projects"),
            title=api.translated(project.title),
            url=api.component_url(
                project.budget.component,
                "project",
                budget_id=project.budget_id,
                project_id=project.id,
            )
            or "",
            component=project.budget.component,
            excerpt=api.translated(project.budget.title),
        )
        for project in api.db_session().scalars(query)
    ]
