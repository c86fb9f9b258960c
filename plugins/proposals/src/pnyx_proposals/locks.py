"""Serialising one person's writes in one component, on PostgreSQL and SQLite.

Limits ("3 proposals per person", "10 supports per person") are
check-then-write: two parallel requests could both pass the check. Each
writing request first locks the person's ``proposals_participants`` row
(created on first use with ``INSERT ... ON CONFLICT DO NOTHING``): on
PostgreSQL with ``SELECT ... FOR UPDATE``, which makes the second request wait
until the first commits; on SQLite writing sessions already hold the database's
write lock from their first statement (``BEGIN IMMEDIATE``).
"""

from __future__ import annotations

from sqlalchemy import literal_column, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from pnyx_proposals.models import Participant, Proposal


def insert_ignoring_duplicates(session: Session, model: type, **values: object) -> int:
    """``INSERT ... ON CONFLICT DO NOTHING``; returns how many rows were inserted (0 or 1).

    Asks ``RETURNING`` rather than reading ``rowcount``, which drivers do not all
    report for inserts.
    """
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(model).values(**values).on_conflict_do_nothing()
    inserted = session.execute(statement.returning(literal_column("1"))).first()
    return 0 if inserted is None else 1


def lock_participant(session: Session, component_id: int, user_id: int) -> None:
    """Hold the person's lock in the component until the transaction ends."""
    insert_ignoring_duplicates(session, Participant, component_id=component_id, user_id=user_id)
    session.execute(
        select(Participant.user_id)
        .where(Participant.component_id == component_id, Participant.user_id == user_id)
        .with_for_update()
    )


def lock_proposal(session: Session, proposal_id: int) -> Proposal | None:
    """The proposal, read again and locked against concurrent answers and moderation."""
    query = select(Proposal).where(Proposal.id == proposal_id).with_for_update()
    return session.scalars(query.execution_options(populate_existing=True)).first()
