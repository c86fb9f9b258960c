"""Following: a person follows a space, a component or any resource of a plugin.

A target is a :class:`~pnyx.models.Space`, a :class:`~pnyx.models.Component`
or a ``(resource type, id)`` pair with the component it lives in. Following
is idempotent; the caller commits (a plugin follows inside its own transaction,
so "register and follow" is one change).
"""

from __future__ import annotations

import functools
from typing import Any

import attrs
from sqlalchemy import Insert, bindparam, delete, or_, select, true
from sqlalchemy.dialects import postgresql, sqlite

from pnyx.db import get_session
from pnyx.models import Component, Space, User, utcnow
from pnyx.notifications.models import Follow, NotificationPreference

SPACE, COMPONENT = "space", "component"
MANUAL = "manual"
#: Why a person follows something without pressing the button (shown next to the button).
AUTOMATIC_REASONS = ("author", "registered", "voted", "answered", "supported")


@attrs.frozen
class Target:
    """What is followed, and where it lives."""

    type: str
    id: int
    space_id: int | None = None
    component_id: int | None = None


def target_of(
    target: Any, component: Component | int | None = None, space: Space | int | None = None
) -> Target:
    """Turn a space, a component or ``(type, id)`` (with its component) into a :class:`Target`."""
    if isinstance(target, Target):
        return target
    if isinstance(target, Space):
        return Target(SPACE, target.id, target.id)
    if isinstance(target, Component):
        return Target(COMPONENT, target.id, target.space_id, target.id)
    type_name, target_id = target
    if isinstance(component, Component):
        return Target(str(type_name), int(target_id), component.space_id, component.id)
    if component is not None:
        found = get_session().get(Component, int(component))
        if found is None:
            raise ValueError(f"no component {component}")
        return Target(str(type_name), int(target_id), found.space_id, found.id)
    space_id = space.id if isinstance(space, Space) else space
    return Target(str(type_name), int(target_id), space_id)


def follow(
    user: User,
    target: Any,
    *,
    component: Component | int | None = None,
    space: Space | int | None = None,
    reason: str = MANUAL,
) -> bool:
    """Make ``user`` follow ``target``; ``True`` when they did not follow it yet.

    A ``reason`` other than ``manual`` (``author``, ``registered``, ``voted``...) is an
    automatic follow: skipped when the person said no on their preferences page.
    """
    found = target_of(target, component, space)
    session = get_session()
    values = {
        "user_id": user.id,
        "target_type": found.type,
        "target_id": found.id,
        "space_id": found.space_id,
        "component_id": found.component_id,
        "reason": reason[:32],
        "created_at": utcnow(),
    }
    statement = _follow_statement(session.get_bind().dialect.name, automatic=reason != MANUAL)
    session.flush()  # a choice changed in this session counts, as when it was read first
    return session.execute(statement, values).first() is not None


@functools.cache
def _follow_statement(dialect: str, *, automatic: bool) -> Insert:
    """One statement, built once per dialect: a follow that exists already (or is made
    at the same moment elsewhere) is left as it is, whatever its reason; no savepoint, no
    read first, and an automatic follow reads the person's choice in the same statement
    (a row is inserted only when no preference says no). Whether a row was written is
    read from RETURNING: psycopg's rowcount is -1 for INSERT ... ON CONFLICT DO NOTHING
    (a conflict looked like a new follow)."""
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    table = Follow.__table__
    names = ["user_id", "target_type", "target_id", "space_id", "component_id", "reason"]
    names.append("created_at")
    row = select(*(bindparam(name, type_=table.c[name].type) for name in names))
    if automatic:
        said_no = select(NotificationPreference.user_id).where(
            NotificationPreference.user_id == bindparam("user_id"),
            NotificationPreference.follow_when_participating.is_(False),
        )
        row = row.where(~said_no.exists())
    else:
        row = row.where(true())  # SQLite reads ON CONFLICT after a bare SELECT as a join's ON
    return (
        insert(table)
        .from_select(names, row)
        .on_conflict_do_nothing(index_elements=["user_id", "target_type", "target_id"])
        .returning(table.c.id)
    )


def unfollow(user: User, target: Any) -> bool:
    """Stop following; ``True`` when the person did follow it."""
    found = target_of(target)
    result = get_session().execute(
        delete(Follow).where(
            Follow.user_id == user.id,
            Follow.target_type == found.type,
            Follow.target_id == found.id,
        )
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


def following(user: User | None, target: Any) -> Follow | None:
    """The person's follow of ``target`` (with its reason), or ``None``."""
    if user is None:
        return None
    found = target_of(target)
    query = select(Follow).where(
        Follow.user_id == user.id, Follow.target_type == found.type, Follow.target_id == found.id
    )
    return get_session().scalars(query).first()


def follower_ids(target: Target) -> set[int]:
    """Who follows the target, its component or its space: one query."""
    wanted = [(Follow.target_type == target.type) & (Follow.target_id == target.id)]
    if target.component_id is not None and target.type != COMPONENT:
        wanted.append((Follow.target_type == COMPONENT) & (Follow.target_id == target.component_id))
    if target.space_id is not None and target.type != SPACE:
        wanted.append((Follow.target_type == SPACE) & (Follow.target_id == target.space_id))
    query = select(Follow.user_id).where(or_(*wanted)).distinct()
    return set(get_session().scalars(query))
