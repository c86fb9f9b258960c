"""The core's notifications for budgets (issue 19): a project's progress, published results.

Voters follow the budget they vote in (:func:`pnyx_budgets.after_vote.after_cast` calls
``api.follow(..., reason="voted")``, which the person may refuse on their
preferences page); anyone may follow a budget or a project with the button on
its page, or the whole component or space. ``budgets.progress_changed`` tells
the project's followers; ``budgets.outcome_published`` the budget's.
"""

from __future__ import annotations

from typing import Any

from flask import current_app, has_request_context
from flask_babel import force_locale
from sqlalchemy import select

from pnyx import api
from pnyx_budgets.models import BUDGET_RESOURCE, PROJECT_RESOURCE, Budget, Project

PROGRESS = "budgets.progress_changed"
RESULTS = "budgets.outcome_published"

KINDS = [
    api.NotificationKind(
        PROGRESS,
        api._l("Project progress"),
        recipients=("followers",),
        description=api._l("The works of a selected project you follow move on."),
    ),
    api.NotificationKind(
        RESULTS,
        api._l("Budget results published"),
        recipients=("followers",),
        description=api._l("The projects chosen by the vote of a budget you follow."),
    ),
]


def _path(component: api.Component, endpoint: str, **values: Any) -> str:
    if has_request_context():
        return api.component_url(component, endpoint, **values) or ""
    with current_app.test_request_context():
        return api.component_url(component, endpoint, **values) or ""


def _percent_in_every_language(progress: int) -> dict[str, str]:
    organization = api.db_session().scalar(select(api.Organization).limit(1))
    labels = {}
    for locale in (organization.available_locales if organization else None) or ["en"]:
        with force_locale(locale):
            labels[locale] = api.format_percent(progress / 100)
    return labels


def tell_followers(event: api.Event) -> None:
    """Turn the plugin's events into notifications (called from ``on_event``)."""
    session = api.db_session()
    if event.name == PROGRESS and isinstance(event.payload.get("project_id"), int):
        project = session.get(Project, event.payload["project_id"])
        if project is None:
            return
        component = project.budget.component
        api.notify(
            PROGRESS,
            (PROJECT_RESOURCE, project.id),
            component=component,
            title=project.title,
            url=_path(component, "project", budget_id=project.budget_id, project_id=project.id),
            detail=_percent_in_every_language(project.progress),
            actor_id=event.actor_id,
        )
    elif event.name == RESULTS and isinstance(event.payload.get("budget_id"), int):
        budget = session.get(Budget, event.payload["budget_id"])
        if budget is None:
            return
        api.notify(
            RESULTS,
            (BUDGET_RESOURCE, budget.id),
            component=budget.component,
            title=budget.title,
            url=_path(budget.component, "results", budget_id=budget.id),
            actor_id=event.actor_id,
        )
