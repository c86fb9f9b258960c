"""Words and formats the templates share: kinds, organizers, dates, codes."""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask_babel import format_date, format_time

from pnyx import api
from pnyx_meetings import on_behalf, zones
from pnyx_meetings.models import Kind, Meeting, OnlineAccess, Organizer


def kind_labels() -> dict[str, str]:
    return {
        Kind.IN_PERSON: api._("In person"),
        Kind.ONLINE: api._("Online"),
        Kind.HYBRID: api._("In person and online"),
    }


def organizer_labels() -> dict[str, str]:
    return {
        Organizer.OFFICIAL: api._("The organization"),
        Organizer.PARTICIPANT: api._("A participant"),
        Organizer.GROUP: api._("A group"),
    }


def access_labels() -> dict[str, str]:
    return {
        OnlineAccess.PUBLIC: api._("Everyone"),
        OnlineAccess.REGISTERED: api._("Only people registered for the meeting"),
    }


def when(meeting: Meeting) -> str:
    """ "Saturday 28 March 2026, 18:30 – 20:30" in the organization's time zone."""
    tz = zones.organization_zone()
    start, end = meeting.start_at.astimezone(tz), meeting.end_at.astimezone(tz)
    day = format_date(meeting.start_at, "full")
    if start.date() == end.date():
        times = f"{format_time(meeting.start_at, 'short')} – {format_time(meeting.end_at, 'short')}"
        return f"{day}, {times}"
    return (
        f"{day}, {format_time(meeting.start_at, 'short')} – "
        f"{format_date(meeting.end_at, 'full')}, {format_time(meeting.end_at, 'short')}"
    )


def organizer_name(meeting: Meeting) -> str:
    """Who organizes: the group's name, the participant's name, or the organization."""
    if meeting.organizer == Organizer.GROUP and meeting.group_name:
        return meeting.group_name
    if meeting.organizer == Organizer.PARTICIPANT:
        return api.person_name(meeting.author)
    return organizer_labels()[Organizer.OFFICIAL]


def show_code(code: str) -> str:
    """``ABCDEFGH`` as ``ABCD-EFGH``, easier to read aloud."""
    return f"{code[:4]}-{code[4:]}" if len(code) == 8 else code


def term_choices(terms: list[api.TermOption]) -> list[tuple[int, str]]:
    """``(id, label)`` of taxonomy terms in tree order, a sub-term indented under its parent."""
    return [(option.id, option.indented_label) for option in terms]


def template_globals() -> dict[str, Any]:
    return {
        "meetings_when": when,
        "meetings_kinds": kind_labels,
        "meetings_organizers": organizer_labels,
        "meetings_access": access_labels,
        "meetings_organizer_name": organizer_name,
        "meetings_group_choices": on_behalf.select_choices,
        "meetings_code": show_code,
        "meetings_local_input": zones.local_input_value,
        "meetings_zone": zones.organization_zone_name,
        "meetings_term_choices": term_choices,
        "meetings_now": api.utcnow,
    }


def init_templates(app: Flask) -> None:
    app.jinja_env.globals.update(template_globals())
