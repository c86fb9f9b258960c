"""A person's data: what "download my data" holds, and what deleting an account removes."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session, joinedload

from pnyx import api
from pnyx_meetings.models import Meeting, Minutes, Registration


def export(user: api.User) -> dict[str, Any] | None:
    session = api.db_session()
    has_any = session.scalar(
        select(Registration.id).where(Registration.user_id == user.id).limit(1)
    ) or session.scalar(select(Meeting.id).where(Meeting.author_id == user.id).limit(1))
    if not has_any:
        return None
    return {
        "registrations.csv": _registrations(session, user),
        "organized_meetings.json": _organized(session, user),
    }


def _registrations(session: Session, user: api.User) -> Iterator[dict[str, Any]]:
    query = (
        select(Registration)
        .where(Registration.user_id == user.id)
        .options(joinedload(Registration.meeting))
        .order_by(Registration.created_at)
    )
    for registration in session.scalars(query):
        yield {
            "meeting_id": registration.meeting_id,
            "meeting": api.translated(registration.meeting.title),
            "starts_at": registration.meeting.start_at,
            "status": registration.status,
            "code": registration.code,
            "registered_at": registration.created_at,
            "validated_at": registration.validated_at,
        }


def _organized(session: Session, user: api.User) -> Iterator[dict[str, Any]]:
    query = select(Meeting).where(Meeting.author_id == user.id).order_by(Meeting.created_at)
    for meeting in session.scalars(query):
        yield {
            "id": meeting.id,
            "title": meeting.title,
            "description": meeting.description,
            "start_at": meeting.start_at,
            "end_at": meeting.end_at,
            "address": meeting.address,
            "group_name": meeting.group_name,
            "created_at": meeting.created_at,
        }


def delete_for(user: api.User, session: Session) -> None:
    """Registrations go (waiting people do not move up: the meeting may be past);
    meetings a person organized stay, shown as organized by a deleted participant."""
    session.execute(delete(Registration).where(Registration.user_id == user.id))
    session.execute(
        update(Registration)
        .where(Registration.validated_by_id == user.id)
        .values(validated_by_id=None)
    )
    session.execute(
        update(Minutes).where(Minutes.closed_by_id == user.id).values(closed_by_id=None)
    )
    session.execute(update(Meeting).where(Meeting.author_id == user.id).values(author_id=None))
