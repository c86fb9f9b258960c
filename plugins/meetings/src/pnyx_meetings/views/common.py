"""What several views share: loading a meeting of the current component, its page data."""

from __future__ import annotations

from typing import Any

from flask import abort
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from pnyx import api
from pnyx_meetings import agenda, calendars, queries
from pnyx_meetings.minutes_form import PROPOSAL_TYPE
from pnyx_meetings.models import Meeting, Registration, Status
from pnyx_meetings.registrations import registration_closed_reason


def is_staff(user: api.User | None) -> bool:
    """Organization admins run meetings (the admin pages are theirs)."""
    return user is not None and user.is_admin


def is_organizer(user: api.User | None, meeting: Meeting) -> bool:
    return user is not None and meeting.author_id == user.id


def load_meeting(meeting_id: int) -> Meeting:
    """A meeting of the current component; 404 when unknown or not published yet
    (its organizer and staff see it anyway)."""
    meeting = api.get_or_404(
        Meeting,
        meeting_id,
        options=[
            joinedload(Meeting.territory),
            joinedload(Meeting.minutes),
            joinedload(Meeting.author),
            selectinload(Meeting.themes),
            selectinload(Meeting.agenda_items),
        ],
    )
    user = api.current_user()
    if not meeting.published and not (is_staff(user) or is_organizer(user, meeting)):
        abort(404)
    return meeting


def linked_proposals(meeting: Meeting) -> list[api.links.ResourceDescription]:
    """The proposals that came out of the meeting (links made on either side)."""
    session = api.db_session()
    ids = [
        link.id
        for link in api.links.links_of(session, ("meetings_meeting", meeting.id))
        if link.type == PROPOSAL_TYPE
    ]
    described = api.links.describe(session, PROPOSAL_TYPE, ids)
    return [described[i] for i in dict.fromkeys(ids) if i in described]


def proposals_enabled() -> bool:
    return api.links.resource_type(PROPOSAL_TYPE) is not None


def meeting_page_context(meeting: Meeting) -> dict[str, Any]:
    """What the meeting's page shows besides the meeting itself."""
    user = api.current_user()
    session = api.db_session()
    registration = None
    if user is not None:
        registration = session.scalar(
            select(Registration).where(
                Registration.meeting_id == meeting.id, Registration.user_id == user.id
            )
        )
    registered = registration is not None and registration.status == Status.CONFIRMED
    taken = queries.seat_counts([meeting]).get(meeting.id, 0)
    return {
        "meeting": meeting,
        "registration": registration,
        "taken": taken,
        "seats_left": None if meeting.open_seats is None else max(meeting.open_seats - taken, 0),
        "show_link": meeting.is_online
        and bool(meeting.online_url)
        and (
            calendars.may_show_link(meeting, registered)
            or is_staff(user)
            or is_organizer(user, meeting)
        ),
        "agenda": agenda.agenda_tree(meeting),
        "proposals": linked_proposals(meeting),
        "calendar_links": calendars.add_links(meeting),
        "closed_reason": registration_closed_reason(meeting),
        "is_organizer": is_organizer(user, meeting),
    }
