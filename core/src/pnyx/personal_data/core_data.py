"""What the core itself holds about a person: for the archive, and to erase on deletion.

The core's tables are the tables of the models defined in ``pnyx`` itself.
Besides the profile, roles and action log, which are written by hand, any core
table with a ``user_id`` column pointing to ``users`` belongs to the person
(authorizations, conflicts of the verification queue, and tables added later):
it is exported whole, without columns naming other people, and on deletion
its rows go when the foreign key says ``ON DELETE CASCADE`` — what the
database would do if the ``users`` row itself were deleted. Plugins' tables
are theirs to handle, through the ``export_user_data`` and
``delete_user_data`` hooks.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import Column, Table, delete, select
from sqlalchemy.orm import Session

from pnyx.models import ActionLog, Model, Space, User, UserSpaceRole
from pnyx.personal_data.archive import CsvRows

#: Core tables written by hand, or not personal data of their own.
HANDLED = frozenset(
    {"users", "user_organization_roles", "user_space_roles", "action_log", "data_exports"}
)
BATCH = 500
ACTION_LOG_COLUMNS = (
    "id",
    "time_utc",
    "action",
    "resource_type",
    "resource_id",
    "space_id",
    "component_id",
    "visibility",
    "assisted_by_staff",
    "details",
)


def profile(user: User) -> dict[str, Any]:
    return {
        "id": user.id,
        "name": user.name,
        "email": user.email,
        "locale": user.locale,
        "created_at": user.created_at,
        "email_confirmed_at": user.confirmed_at,
        "blocked": user.blocked,
        "managed_participant": user.managed,
        "optional_mails_turned_off": list(user.mail_opt_outs or []),
    }


def roles(session: Session, user: User) -> Iterator[dict[str, Any]]:
    for held in user.organization_roles:
        yield {"scope": "organization", "space": "", "role": held.role}
    query = (
        select(UserSpaceRole.role, Space.slug)
        .join(Space, Space.id == UserSpaceRole.space_id)
        .where(UserSpaceRole.user_id == user.id)
        .order_by(Space.slug, UserSpaceRole.role)
    )
    for role, slug in session.execute(query):
        yield {"scope": "space", "space": slug, "role": role}


def action_log(session: Session, user: User) -> Iterator[dict[str, Any]]:
    """The entries where the person is the actor, oldest first, read by batches."""
    last_id = 0
    while True:
        query = (
            select(ActionLog)
            .where(ActionLog.actor_id == user.id, ActionLog.id > last_id)
            .order_by(ActionLog.id)
            .limit(BATCH)
        )
        entries = list(session.scalars(query))
        if not entries:
            return
        for entry in entries:
            yield {
                "id": entry.id,
                "time_utc": entry.created_at,
                "action": entry.action,
                "resource_type": entry.resource_type,
                "resource_id": entry.resource_id,
                "space_id": entry.space_id,
                "component_id": entry.component_id,
                "visibility": entry.visibility,
                "assisted_by_staff": entry.operator_id is not None,
                "details": entry.extra or {},
            }
        last_id = entries[-1].id


def core_tables() -> list[Table]:
    """Tables of the core's own models (not the plugins'), in dependency order."""
    tables = {
        mapper.local_table.name: mapper.local_table
        for mapper in Model.registry.mappers
        if mapper.class_.__module__.startswith("pnyx.") and isinstance(mapper.local_table, Table)
    }
    return [table for table in Model.metadata.sorted_tables if table.name in tables]


def owner_column(table: Table) -> Column[Any] | None:
    """The table's ``user_id`` column when it points to ``users``."""
    column = table.columns.get("user_id")
    if column is None or not any(fk.column.table.name == "users" for fk in column.foreign_keys):
        return None
    return column


def _points_to_users(column: Column[Any]) -> bool:
    return any(fk.column.table.name == "users" for fk in column.foreign_keys)


def owned_tables() -> list[tuple[Table, Column[Any]]]:
    """Core tables whose rows belong to one person, other than those handled by hand."""
    found = []
    for table in core_tables():
        column = owner_column(table)
        if column is not None and table.name not in HANDLED:
            found.append((table, column))
    return found


def owned_rows(session: Session, table: Table, column: Column[Any], user: User) -> Iterator[dict]:
    """The person's rows of ``table``, without the columns that name other people."""
    shown = [c for c in table.columns if c is column or not _points_to_users(c)]
    query = select(*shown).where(column == user.id)
    for row in session.execute(query):
        yield dict(row._mapping)


def core_files(session: Session, user: User) -> dict[str, Any]:
    """The core's part of the archive: file name → rows or text."""
    files: dict[str, Any] = {
        "profile.json": [profile(user)],
        "roles.csv": CsvRows(("scope", "space", "role"), roles(session, user)),
        "action_log.csv": CsvRows(ACTION_LOG_COLUMNS, action_log(session, user)),
    }
    for table, column in owned_tables():
        files[f"{table.name}.json"] = owned_rows(session, table, column, user)
    return files


def erase_owned_rows(session: Session, user: User) -> None:
    """Delete the person's rows of core tables whose foreign key cascades on delete."""
    for table, column in reversed(owned_tables()):
        if any((fk.ondelete or "").upper() == "CASCADE" for fk in column.foreign_keys):
            session.execute(delete(table).where(column == user.id))
