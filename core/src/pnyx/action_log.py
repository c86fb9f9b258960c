"""Writing the action log, in the same transaction as the change it records.

The log also tells :mod:`pnyx.counters` which components changed since their figures
were counted.
"""

from __future__ import annotations

from typing import Any

from flask import g, has_request_context
from sqlalchemy.orm import Session

from pnyx.models import ActionLog, Component

VISIBILITIES = ("public", "admin", "private")


def log_action(
    session: Session,
    action: str,
    *,
    resource: tuple[str, int] | None = None,
    component: Component | None = None,
    visibility: str = "admin",
    actor_id: int | None = None,
    extra: dict[str, Any] | None = None,
) -> ActionLog:
    """Add an action-log row to ``session`` (committed with the change itself).

    The actor defaults to the signed-in person. ``extra`` holds ids and plain
    facts, never a ballot's content.
    """
    if visibility not in VISIBILITIES:
        raise ValueError(f"visibility must be one of {VISIBILITIES}")
    user = g.get("user") if has_request_context() else None
    entry = ActionLog(
        action=action,
        actor_id=actor_id if actor_id is not None else getattr(user, "id", None),
        operator_id=g.get("operator_id") if has_request_context() else None,
        resource_type=resource[0] if resource else None,
        resource_id=resource[1] if resource else None,
        component_id=component.id if component else None,
        space_id=component.space_id if component else None,
        visibility=visibility,
        extra=extra or {},
    )
    session.add(entry)
    return entry
