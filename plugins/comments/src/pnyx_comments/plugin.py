"""The hook implementations: what the ``comments`` plugin brings to Pnyx.

The entry point ``comments = "pnyx_comments.plugin"`` names this module. It
comments on other plugins' records whose resource type says
``commentable=True`` (docs/comments.md), and brings one component type of its
own, ``comments_debates`` (``debates/``), whose debates are commentable too.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint
from sqlalchemy.orm import Session

from pnyx import api
from pnyx_comments import debates, notifications, personal_data, seed, thread, threads
from pnyx_comments import statistics as comment_statistics
from pnyx_comments.actions import ACTIONS, CREATE, EDIT, VOTE
from pnyx_comments.debates import permissions as debates_permissions
from pnyx_comments.views import blueprint, moderation_blueprint


@api.hookimpl
def register_component_types() -> list[api.ComponentType]:
    return [debates.component_type()]


@api.hookimpl
def register_actions() -> list[api.Action]:
    return ACTIONS


@api.hookimpl
def register_blueprints() -> list[Blueprint]:
    return [blueprint, moderation_blueprint]


@api.hookimpl
def init_app(app: Any) -> None:
    app.config.setdefault("COMMENTS_RATE_LIMIT", 5)
    app.config.setdefault("COMMENTS_HIDE_AFTER_REPORTS", 3)


@api.hookimpl
def permission_check(user: api.User | None, action: str, target: Any) -> bool | None:
    """No new comment, vote or edit while the record's component blocks comments."""
    if action not in (CREATE, VOTE, EDIT):
        return None
    if debates_permissions.check(action, target) is False:
        return False
    component = api.component_of(target)
    if component is None:
        return None
    settings = api.current_settings(component)
    if settings.get("comments_blocked", False) or not settings.get("comments_enabled", True):
        return False
    return None


@api.hookimpl
def render_slot(name: str, context: dict[str, Any]) -> api.Snippet | None:
    if name != "resource.comments":
        return None
    markup = thread.render(context.get("resource_type", ""), context.get("resource"))
    return api.Snippet(markup) if markup else None


@api.hookimpl
def count_comments(resource_type: str, ids: list[int], people: bool) -> dict[int, int]:
    return threads.counts_for(resource_type, ids, people=people)


@api.hookimpl
def export_user_data(user: api.User) -> dict[str, Any] | None:
    return personal_data.export(api.db_session(), user)


@api.hookimpl
def delete_user_data(user: api.User, session: Session) -> None:
    personal_data.delete_data(session, user)


@api.hookimpl
def statistics(components: list[api.Component], session: Session) -> list[object]:
    return comment_statistics.figures(components, session)


@api.hookimpl
def register_notification_kinds() -> list[api.NotificationKind]:
    return notifications.KINDS


@api.hookimpl
def on_event(event: api.Event) -> None:
    if event.name == "pnyx.demo_seeded":
        seed.seed_demo_comments()
    notifications.handle(event)
