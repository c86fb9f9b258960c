"""Meetings organized on behalf of an organization (docs/groups.md, issue 17 item 5).

``meetings.create`` is declared with ``groups=True``: where the component's
admin ticked "Groups may take part", the meeting form offers the organizations
the person belongs to (admin or member — not a pending request or
invitation). The meeting then shows the organization as its organizer, linked
to its profile; ``author_id`` and the action log keep the person. A meeting's
current organization stays offered when someone else edits it (staff), so an
edit never drops it unasked.
"""

from __future__ import annotations

from pnyx import api
from pnyx_meetings.models import Meeting

CREATE = "meetings.create"


def choices(meeting: Meeting | None = None) -> list[api.groups.UserGroup]:
    """The organizations the signed-in person may organize this meeting for."""
    component = api.current_component()
    offered: list[api.groups.UserGroup] = []
    if api.groups.allowed(component, CREATE):
        offered = list(api.groups.acting_groups(api.current_user()))
    current = meeting.user_group if meeting is not None else None
    if current is not None and all(group.id != current.id for group in offered):
        offered.append(current)
    return offered


def select_choices(meeting: Meeting | None = None) -> list[tuple[int, str]]:
    """``(id, name)`` for the form's select (a template global)."""
    return [(group.id, group.name) for group in choices(meeting)]


def refused() -> str:
    return api._("You cannot organize a meeting on behalf of this organization here.")
