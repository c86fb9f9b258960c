"""Writing the action log, in the same transaction as the change it records.

The log also tells :mod:`pnyx.counters` which components changed since their figures
were counted.
"""

from __future__ import annotations

import functools
from typing import Any

from flask import g, has_request_context
from sqlalchemy import Insert, insert
from sqlalchemy.orm import Session

from pnyx.models import ActionLog, Component, utcnow

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
    entry = ActionLog(**_values(action, resource, component, visibility, actor_id, extra))
    session.add(entry)
    return entry


def write_action(
    session: Session,
    action: str,
    *,
    resource: tuple[str, int] | None = None,
    component: Component | None = None,
    visibility: str = "admin",
    actor_id: int | None = None,
    extra: dict[str, Any] | None = None,
) -> None:
    """:func:`log_action`, written at once by one ``INSERT`` (no ORM object to build and
    flush): for the busiest writes (a vote), whose callers need no entry back. Same
    transaction, same row; the page cache is renewed for it only when it is ``public``."""
    values = _values(action, resource, component, visibility, actor_id, extra)
    session.execute(_insert(private=visibility != "public"), values)


@functools.cache
def _insert(*, private: bool) -> Insert:
    """Built once; a non-public entry is no anonymous page's (pnyx.page_cache.writes)."""
    return insert(ActionLog.__table__).execution_options(pnyx_private=private)


def _values(
    action: str,
    resource: tuple[str, int] | None,
    component: Component | None,
    visibility: str,
    actor_id: int | None,
    extra: dict[str, Any] | None,
) -> dict[str, Any]:
    if visibility not in VISIBILITIES:
        raise ValueError(f"visibility must be one of {VISIBILITIES}")
    in_request = has_request_context()
    user = g.get("user") if in_request else None
    return {
        "created_at": utcnow(),
        "action": action,
        "actor_id": actor_id if actor_id is not None else getattr(user, "id", None),
        "operator_id": g.get("operator_id") if in_request else None,
        "resource_type": resource[0] if resource else None,
        "resource_id": resource[1] if resource else None,
        "component_id": component.id if component else None,
        "space_id": component.space_id if component else None,
        "visibility": visibility,
        "extra": extra or {},
    }
