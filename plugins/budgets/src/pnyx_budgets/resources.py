"""What other plugins may know of budgets: the ``budgets_project`` resource type.

A proposal's page shows the projects that include it, described here with
their follow-up progress ("60 % done"). Projects link to proposals with
``budgets.from_proposal`` (project → proposal), written when accepted
proposals are imported as projects.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from pnyx import api
from pnyx_budgets.counting import FROM_PROPOSAL, PROPOSAL_TYPE
from pnyx_budgets.models import PROJECT_RESOURCE, SELECTED, Budget, Project


def describe(session: Session, ids: Sequence[int]) -> dict[int, tuple[dict[str, Any], str, str]]:
    """``{id: (title, url, detail)}`` of projects in published components the reader may see (the
    translatable title as it is: the core shows it in the reader's language)."""
    query = (
        select(Project)
        .where(Project.id.in_(list(ids)))
        .options(
            joinedload(Project.budget).joinedload(Budget.component).joinedload(api.Component.space)
        )
    )
    described = {}
    visible = api.links.ReadableComponents()
    for project in session.scalars(query).unique():
        component = project.budget.component
        if not component.published or not component.space.published:
            continue
        if not visible(component):
            continue  # a private space the reader is not a member of
        url = api.component_url(
            component, "project", budget_id=project.budget_id, project_id=project.id
        )
        detail = ""
        if project.selection == SELECTED:
            detail = api._("%(progress)s done", progress=api.format_percent(project.progress / 100))
        described[project.id] = (project.title, url or "", detail)
    return described


def load(session: Session, project_id: int) -> Project | None:
    """A project by id, for comments (its ``component`` is its budget's)."""
    return session.get(Project, project_id)


def resource_type() -> api.ResourceType:
    return api.ResourceType(
        name=PROJECT_RESOURCE,
        label=api._l("Budget project"),
        describe=describe,
        exportable=True,
        commentable=True,
        load=load,
        attachable=True,  # the project's image (api.attachments cover), with its alt text
    )


def linked_proposals(project: Project) -> list[api.links.ResourceDescription]:
    """The proposals the project comes from, described by the proposals plugin (if enabled)."""
    session = api.db_session()
    ids = [
        int(i)
        for i in api.links.linked_ids(session, FROM_PROPOSAL, source=(PROJECT_RESOURCE, project.id))
    ]
    described = api.links.describe(session, PROPOSAL_TYPE, ids)
    return [described[i] for i in ids if i in described]
