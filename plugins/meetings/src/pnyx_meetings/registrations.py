"""Registrations: take a seat, wait for one, give it back, be checked in at the door.

Capacity is never exceeded, even when many people ask for the last seat at
the same moment: every change that counts seats first locks the meeting's
row (``SELECT ... FOR UPDATE`` on PostgreSQL; on SQLite the writing
session's ``BEGIN IMMEDIATE`` already serializes writers), then counts, then
writes, all in one transaction. The unique constraint on (meeting, person)
makes a double click one registration.
"""

from __future__ import annotations

import secrets

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx_meetings.models import Meeting, Registration, Status

#: No 0/O or 1/I: codes are read aloud and typed at the door.
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8


class RegistrationError(Exception):
    """A registration change that is refused, with the reason to show."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def lock_meeting(session: Session, meeting_id: int) -> Meeting | None:
    """The meeting, its row locked until the transaction ends (PostgreSQL)."""
    query = select(Meeting).where(Meeting.id == meeting_id)
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update()
    return session.scalars(query.execution_options(populate_existing=True)).one_or_none()


def confirmed_count(session: Session, meeting_id: int) -> int:
    query = select(func.count()).where(
        Registration.meeting_id == meeting_id, Registration.status == Status.CONFIRMED
    )
    return session.scalar(query) or 0


def registration_of(session: Session, meeting_id: int, user_id: int) -> Registration | None:
    query = select(Registration).where(
        Registration.meeting_id == meeting_id, Registration.user_id == user_id
    )
    return session.scalar(query)


def registration_closed_reason(meeting: Meeting) -> str | None:
    """Why nobody can register for ``meeting`` now, or ``None``."""
    if not meeting.registrations_enabled:
        return api._("Registrations are not open for this meeting.")
    if meeting.closed or meeting.start_at <= api.utcnow():
        return api._("Registrations are closed: the meeting has started.")
    return None


def new_code(session: Session, meeting_id: int) -> str:
    """A registration code not used yet at this meeting."""
    taken = set(
        session.scalars(select(Registration.code).where(Registration.meeting_id == meeting_id))
    )
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if code not in taken:
            return code


def normalize_code(code: str) -> str:
    """What a person types (``abcd-efgh``) as stored (``ABCDEFGH``)."""
    return "".join(char for char in code.upper() if char.isalnum())


def register(session: Session, meeting_id: int, user: api.User) -> Registration:
    """Give ``user`` a seat, or a place on the waiting list; the caller commits.

    Raises :class:`RegistrationError` when registering is not possible.
    """
    meeting = lock_meeting(session, meeting_id)
    if meeting is None:
        raise RegistrationError(api._("This meeting does not exist."))
    reason = registration_closed_reason(meeting)
    if reason:
        raise RegistrationError(reason)
    if registration_of(session, meeting.id, user.id) is not None:
        raise RegistrationError(api._("You are already registered for this meeting."))
    status = Status.CONFIRMED
    seats = meeting.open_seats
    if seats is not None and confirmed_count(session, meeting.id) >= seats:
        if not meeting.waiting_list_enabled:
            raise RegistrationError(api._("This meeting is full."))
        status = Status.WAITING
    registration = Registration(
        meeting_id=meeting.id, user_id=user.id, status=status, code=new_code(session, meeting.id)
    )
    session.add(registration)
    session.flush()
    _record(session, "meetings.register", meeting, registration, user.id)
    # registering follows the meeting (the person may say no on their preferences page)
    api.follow(
        user, ("meetings_meeting", meeting.id), component=meeting.component, reason="registered"
    )
    return registration


def cancel(session: Session, meeting_id: int, user: api.User) -> list[Registration]:
    """Give ``user``'s seat back; return the registrations promoted from the waiting list."""
    meeting = lock_meeting(session, meeting_id)
    registration = registration_of(session, meeting_id, user.id) if meeting else None
    if meeting is None or registration is None:
        raise RegistrationError(api._("You are not registered for this meeting."))
    if meeting.closed or meeting.start_at <= api.utcnow():
        raise RegistrationError(
            api._("The meeting has started: registrations can no longer change.")
        )
    was_confirmed = registration.status == Status.CONFIRMED
    session.delete(registration)
    session.flush()
    api.log_action(
        session,
        "meetings.unregister",
        resource=("meetings_meeting", meeting.id),
        component=meeting.component,
        visibility="private",
        actor_id=user.id,
    )
    return promote_waiting(session, meeting) if was_confirmed else []


def promote_waiting(session: Session, meeting: Meeting) -> list[Registration]:
    """Give free seats to the people waiting longest (call with the meeting locked)."""
    query = (
        select(Registration)
        .where(Registration.meeting_id == meeting.id, Registration.status == Status.WAITING)
        .order_by(Registration.created_at, Registration.id)
    )
    seats = meeting.open_seats
    if seats is not None:
        free = seats - confirmed_count(session, meeting.id)
        if free <= 0:
            return []
        query = query.limit(free)
    promoted = list(session.scalars(query))
    for registration in promoted:
        registration.status = Status.CONFIRMED
        registration.promoted_at = api.utcnow()
        _record(session, "meetings.promote", meeting, registration, None)
    session.flush()
    return promoted


def validate_code(session: Session, meeting: Meeting, code: str, staff: api.User) -> Registration:
    """Check a person in at the door with their code; the caller commits."""
    wanted = normalize_code(code)
    registration = session.scalar(
        select(Registration).where(
            Registration.meeting_id == meeting.id, Registration.code == wanted
        )
    )
    if registration is None or not wanted:
        raise RegistrationError(api._("No registration has this code."))
    if registration.status != Status.CONFIRMED:
        raise RegistrationError(api._("This person is on the waiting list: they have no seat."))
    if registration.validated_at is not None:
        raise RegistrationError(api._("This code was already validated."))
    registration.validated_at = api.utcnow()
    registration.validated_by_id = staff.id
    api.log_action(
        session,
        "meetings.validate_code",
        resource=("meetings_meeting", meeting.id),
        component=meeting.component,
        extra={"registration_id": registration.id},
    )
    return registration


def _record(
    session: Session,
    action: str,
    meeting: Meeting,
    registration: Registration,
    user_id: int | None,
) -> None:
    """The action-log entry and the event (which sends the confirmation e-mail).

    ``user_id`` is who acted; ``None`` is the signed-in person (promotions
    happen because someone else gave a seat back).
    """
    extra = {"registration_id": registration.id, "status": registration.status}
    api.log_action(
        session,
        action,
        resource=("meetings_meeting", meeting.id),
        component=meeting.component,
        visibility="private",
        actor_id=user_id,
        extra=extra,
    )
    payload = {"meeting_id": meeting.id, "registration_id": registration.id, **extra}
    event = "meetings.registered" if action == "meetings.register" else "meetings.promoted"
    api.publish_event(session, event, payload, actor_id=user_id)
