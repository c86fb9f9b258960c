"""The core's notifications for meetings (issue 19).

Registering to a meeting follows it (:func:`pnyx_meetings.registrations.register`
calls ``api.follow(..., reason="registered")``, which the person may refuse on
their preferences page); anyone may follow a meeting with the button on its
page, or the whole component or space. Followers hear when a meeting is
created, changed, cancelled (deleted) or its minutes are published; a
confirmed registration shows in the person's notification centre (the plugin
already e-mails the confirmation with its calendar file).
"""

from __future__ import annotations

from typing import Any

from flask import current_app, has_request_context
from sqlalchemy import select

from pnyx import api
from pnyx_meetings.models import Meeting, Registration, Status

RESOURCE = "meetings_meeting"
CREATED, UPDATED, CANCELLED = "meetings.created", "meetings.updated", "meetings.cancelled"
CLOSED, REGISTERED = "meetings.closed", "meetings.registered"

KINDS = [
    api.NotificationKind(CREATED, api._l("New meeting"), recipients=("followers",)),
    api.NotificationKind(UPDATED, api._l("Meeting changed"), recipients=("followers",)),
    api.NotificationKind(
        CANCELLED, api._l("Meeting cancelled"), recipients=("followers", "authors")
    ),
    api.NotificationKind(CLOSED, api._l("Minutes published"), recipients=("followers",)),
    api.NotificationKind(
        REGISTERED, api._l("Registration confirmed"), recipients=("authors",), email=False
    ),
]


def _path(component: api.Component, endpoint: str, **values: Any) -> str:
    if has_request_context():
        return api.component_url(component, endpoint, **values) or ""
    with current_app.test_request_context():
        return api.component_url(component, endpoint, **values) or ""


def people_to_tell(session: Any, meeting: Meeting) -> list[int]:
    """Registered people of a meeting about to be deleted (its followers go with it)."""
    query = select(Registration.user_id).where(Registration.meeting_id == meeting.id)
    return sorted(set(session.scalars(query)))


def tell_followers(event: api.Event) -> None:
    """Turn the plugin's events into notifications (called from ``on_event``)."""
    payload = event.payload
    if event.name == CANCELLED:
        component = api.db_session().get(api.Component, payload.get("component_id"))
        if component is not None:
            api.notify(
                CANCELLED,
                component,
                title=payload.get("title") or "",
                url=_path(component, "index"),
                authors=payload.get("people") or [],
                actor_id=event.actor_id,
            )
        return
    if event.name not in (CREATED, UPDATED, CLOSED, REGISTERED):
        return
    meeting = api.db_session().get(Meeting, payload.get("meeting_id"))
    if meeting is None or not meeting.published:
        return
    authors: list[int] = []
    if event.name == REGISTERED:
        if payload.get("status") != Status.CONFIRMED or event.actor_id is None:
            return
        authors = [event.actor_id]
    api.notify(
        event.name,
        (RESOURCE, meeting.id),
        component=meeting.component,
        title=meeting.title,
        url=_path(meeting.component, "show", meeting_id=meeting.id),
        authors=authors,
        actor_id=None if event.name == REGISTERED else event.actor_id,
    )
