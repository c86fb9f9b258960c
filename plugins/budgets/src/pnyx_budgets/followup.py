"""Follow-up of selected projects: status, progress and a dated timeline, by staff.

A change of progress publishes ``budgets.progress_changed`` (after commit),
with the linked proposals' ids, so the proposals plugin tells their authors
and the core notifies followers.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.orm import Session

from pnyx import api
from pnyx_budgets.counting import linked_proposals
from pnyx_budgets.models import PROJECT_RESOURCE, Project, TimelineEntry


def update(session: Session, project: Project, status: str, progress: int) -> bool:
    """Set the project's follow-up; returns whether the progress changed."""
    before = project.progress
    project.follow_status = status
    project.progress = progress
    component = project.budget.component
    api.log_action(
        session,
        "budgets.followup_updated",
        resource=(PROJECT_RESOURCE, project.id),
        component=component,
        visibility="public",
        extra={"status": status, "progress": progress},
    )
    if before == progress:
        return False
    payload: dict[str, Any] = {
        "project_id": project.id,
        "budget_id": project.budget_id,
        "component_id": component.id,
        "progress": progress,
        "previous_progress": before,
        "proposal_ids": linked_proposals(session, project.id),
    }
    actor = api.current_user()
    api.publish_event(
        session, "budgets.progress_changed", payload, actor_id=actor.id if actor else None
    )
    return True


def add_entry(
    session: Session, project: Project, day: dt.date, title: dict[str, str], body: dict[str, str]
) -> TimelineEntry:
    entry = TimelineEntry(project_id=project.id, day=day, title=title, body=body)
    session.add(entry)
    session.flush()
    api.log_action(
        session,
        "budgets.timeline_added",
        resource=(PROJECT_RESOURCE, project.id),
        component=project.budget.component,
        visibility="public",
        extra={"entry_id": entry.id},
    )
    return entry


def delete_entry(session: Session, entry: TimelineEntry) -> None:
    project = entry.project
    api.log_action(
        session,
        "budgets.timeline_deleted",
        resource=(PROJECT_RESOURCE, project.id),
        component=project.budget.component,
        extra={"entry_id": entry.id},
    )
    session.delete(entry)
