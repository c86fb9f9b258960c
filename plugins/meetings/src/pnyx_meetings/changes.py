"""Changing meetings: create, edit, duplicate, delete, close with minutes.

Each function writes the change, its action-log entry and its event in the
caller's transaction; the caller commits (events are delivered after that).
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from pnyx import api
from pnyx_meetings import followers, meeting_form, minutes_form, registrations
from pnyx_meetings.forms import Form
from pnyx_meetings.models import AgendaItem, Meeting, Minutes, Registration

#: Columns a duplicate does not copy: its own identity, title, state and times.
COPY_SKIPS = frozenset({"id", "uid", "sequence", "title", "published", "created_at", "updated_at"})


def _log(session: Session, action: str, meeting: Meeting, visibility: str = "public") -> None:
    api.log_action(
        session,
        action,
        resource=("meetings_meeting", meeting.id),
        component=meeting.component,
        visibility=visibility,
        # Organized for an organization: the log keeps the person (actor) and the group.
        extra={"user_group_id": meeting.user_group_id} if meeting.user_group_id else None,
    )


def _event(session: Session, name: str, meeting: Meeting) -> None:
    payload = {"meeting_id": meeting.id, "component_id": meeting.component_id}
    user = api.current_user()
    api.publish_event(session, name, payload, actor_id=user.id if user else None)


def create(
    session: Session, component: api.Component, form: Form, *, staff: bool, author: api.User
) -> Meeting:
    """A new meeting from a valid form; a participant becomes its organizer."""
    meeting = Meeting(component=component, author_id=None if staff else author.id)
    meeting_form.apply(meeting, form, staff=staff)
    session.add(meeting)
    session.flush()
    _log(session, "meetings.create", meeting, "public" if meeting.published else "admin")
    _event(session, "meetings.created", meeting)
    return meeting


def update(session: Session, meeting: Meeting, form: Form, *, staff: bool) -> list[Registration]:
    """Edit; calendars see a new SEQUENCE, and new seats go to people waiting (returned)."""
    registrations.lock_meeting(session, meeting.id)
    meeting_form.apply(meeting, form, staff=staff)
    meeting.sequence += 1
    session.flush()
    promoted = registrations.promote_waiting(session, meeting)
    _log(session, "meetings.update", meeting, "public" if meeting.published else "admin")
    _event(session, "meetings.updated", meeting)
    return promoted


def duplicate(session: Session, meeting: Meeting) -> Meeting:
    """A copy to edit (unpublished, no registrations, no minutes), agenda included."""
    copy = Meeting(
        component_id=meeting.component_id,
        published=False,
        title={code: f"{text} (2)" for code, text in meeting.title.items()},
    )
    for column in Meeting.__table__.columns:
        if column.key not in COPY_SKIPS and column.computed is None:
            setattr(copy, column.key, getattr(meeting, column.key))
    copy.themes = list(meeting.themes)
    session.add(copy)
    session.flush()
    _copy_agenda(session, meeting, copy)
    _log(session, "meetings.duplicate", copy, "admin")
    return copy


def _copy_agenda(session: Session, source: Meeting, target: Meeting) -> None:
    new_ids: dict[int, int] = {}
    ordered = sorted(source.agenda_items, key=lambda i: (i.parent_id is not None, i.position))
    for item in ordered:
        copy = AgendaItem(
            meeting_id=target.id,
            parent_id=new_ids.get(item.parent_id) if item.parent_id else None,
            position=item.position,
            title=dict(item.title),
            description=dict(item.description),
            duration_minutes=item.duration_minutes,
        )
        session.add(copy)
        session.flush()
        new_ids[item.id] = copy.id


def delete(session: Session, meeting: Meeting) -> None:
    _log(session, "meetings.delete", meeting, "admin")
    if meeting.published:  # its followers and registered people hear it is cancelled
        payload = {
            "meeting_id": meeting.id,
            "component_id": meeting.component_id,
            "title": dict(meeting.title or {}),
            "people": followers.people_to_tell(session, meeting),
        }
        user = api.current_user()
        api.publish_event(
            session, "meetings.cancelled", payload, actor_id=user.id if user else None
        )
    api.attachments.remove_all("meetings_meeting", meeting.id)  # its image leaves the storage
    session.delete(meeting)


def close(session: Session, meeting: Meeting, form: Form, closer: api.User) -> Minutes:
    """Publish (or update) the minutes and the links to the proposals that came out of it."""
    first = meeting.minutes is None
    minutes = minutes_form.apply(session, meeting, form, closer)
    minutes_form.set_proposal_links(session, meeting, form.values["proposal_ids"])
    session.flush()
    _log(session, "meetings.close" if first else "meetings.update_minutes", meeting)
    if first and minutes.published:
        _event(session, "meetings.closed", meeting)
    return minutes
