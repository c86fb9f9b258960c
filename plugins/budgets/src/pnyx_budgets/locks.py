"""Row locks around check-then-write: a voter's ballots, a budget's frozen figures.

On PostgreSQL these are ``SELECT ... FOR UPDATE`` (or ``FOR SHARE``) row
locks, held until the transaction ends. On SQLite every writing transaction
already began with ``BEGIN IMMEDIATE`` (the core's writing sessions), which
serialises writers; SQLAlchemy leaves the ``FOR UPDATE`` out there.
"""

from __future__ import annotations

import functools

from sqlalchemy import Insert, Select, bindparam, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from pnyx_budgets.models import Budget, Voter


def lock_voter(session: Session, component_id: int, user_id: int) -> None:
    """Take the person's lock for this component; their other requests wait for it.

    One statement: ``INSERT ... ON CONFLICT DO UPDATE`` creates the row on first use
    and, when it exists, updates it, which locks it until the transaction ends (two
    first requests at once do not fail: the second waits, then updates).
    """
    statement = _voter_upsert(session.get_bind().dialect.name)
    session.execute(statement, {"component_id": component_id, "user_id": user_id})


@functools.cache
def _voter_upsert(dialect: str) -> Insert:
    """The lock's statement, built once per dialect: every change of every ballot runs it,
    and building it (its ``excluded`` columns, its cache key) cost more than running it."""
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    table = Voter.__table__
    # inline: no RETURNING of the new row's id, which nobody reads
    statement = (
        insert(table)
        .values(component_id=bindparam("component_id"), user_id=bindparam("user_id"))
        .inline()
    )
    return statement.on_conflict_do_update(
        index_elements=["component_id", "user_id"],
        set_={"user_id": statement.excluded.user_id},
    )


def lock_budget(session: Session, budget_id: int, *, exclusive: bool) -> Budget | None:
    """Read the budget with a row lock, fresh from the database.

    Checkouts take a shared lock (many voters at once); staff changes to
    amounts, rules and costs take an exclusive one, so a change and a checkout
    never interleave: the change sees the ballot, or the checkout the change.
    """
    return session.scalar(_locked_budget(exclusive=exclusive), {"budget_id": budget_id})


@functools.cache
def _locked_budget(*, exclusive: bool) -> Select:
    return (
        select(Budget)
        .where(Budget.id == bindparam("budget_id"))
        .with_for_update(read=not exclusive)
        .execution_options(populate_existing=True)
    )
