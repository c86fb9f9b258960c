"""What a person did in meetings, for "My activity" (issue 19): the meetings they registered
to (private: never on the public profile)."""

from __future__ import annotations

from flask import current_app, has_request_context
from sqlalchemy import select

from pnyx import api
from pnyx_meetings.models import Meeting, Registration


def _path(meeting: Meeting) -> str:
    if has_request_context():
        return api.component_url(meeting.component, "show", meeting_id=meeting.id) or ""
    with current_app.test_request_context():
        return api.component_url(meeting.component, "show", meeting_id=meeting.id) or ""


def user_activity(user: api.User, public: bool, limit: int) -> list[api.ActivityItem]:
    if public:
        return []
    query = (
        select(Registration.created_at, Meeting)
        .join(Meeting, Meeting.id == Registration.meeting_id)
        .where(Registration.user_id == user.id)
        .order_by(Registration.created_at.desc())
        .limit(limit)
    )
    return [
        api.ActivityItem(
            api._("Registered to"), api.translated(meeting.title), _path(meeting), when
        )
        for when, meeting in api.db_session().execute(query)
    ]
