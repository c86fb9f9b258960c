"""Meetings as calendar entries: .ics files and "add to my calendar" links."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from urllib.parse import urlencode

from flask import Response, url_for

from pnyx import api
from pnyx_meetings import ical, zones
from pnyx_meetings.models import Meeting, OnlineAccess

#: The part after "@" of every UID: with the stored random part, UIDs never change.
UID_DOMAIN = "meetings.pnyx"
#: Calendar feeds hold the meetings of the past year and every later one.
FEED_PAST = dt.timedelta(days=366)


def feed_window() -> tuple[dt.datetime, dt.datetime]:
    """The ``[start, end)`` of a subscribed calendar: a year back, and everything ahead."""
    now = api.utcnow()
    return now - FEED_PAST, dt.datetime(9999, 1, 1, tzinfo=dt.UTC)


def meeting_url(meeting: Meeting, endpoint: str = "meetings.show", **values: object) -> str:
    """An absolute URL of a meeting's page (works outside the component's pages too)."""
    return url_for(
        endpoint,
        space_slug=meeting.component.space.slug,
        component_id=meeting.component_id,
        meeting_id=meeting.id,
        _external=True,
        **values,
    )


def location_text(meeting: Meeting, with_link: bool) -> str:
    """Venue and address; the online link when the meeting is online and may show it."""
    parts = [api.translated(meeting.location), meeting.address]
    if meeting.is_online and meeting.online_url and with_link and not meeting.is_in_person:
        parts.append(meeting.online_url)
    return ", ".join(part for part in parts if part)


def may_show_link(meeting: Meeting, registered: bool) -> bool:
    """Whether the online link may be shown: to registered people only when the meeting
    takes registrations (a seat is what the link gives), else as staff chose."""
    if registered:
        return True
    return meeting.online_access == OnlineAccess.PUBLIC and not meeting.registrations_enabled


def to_event(meeting: Meeting, registered: bool = False) -> ical.Event:
    """The calendar entry of ``meeting``, in the current locale.

    ``registered``: the reader holds a seat, so a restricted online link may be included.
    """
    with_link = bool(meeting.online_url) and may_show_link(meeting, registered)
    url = meeting_url(meeting)
    lines = [api.translated(meeting.description)]
    if meeting.is_online and with_link:
        lines.append(api._("Join online: %(url)s", url=meeting.online_url))
    hints = api.translated(meeting.location_hints)
    if hints:
        lines.append(hints)
    lines.append(url)
    return ical.Event(
        uid=f"{meeting.uid}@{UID_DOMAIN}",
        start=meeting.start_at,
        end=meeting.end_at,
        summary=api.translated(meeting.title),
        stamp=meeting.updated_at,
        created=meeting.created_at,
        sequence=meeting.sequence,
        description="\n\n".join(line for line in lines if line),
        location=location_text(meeting, with_link),
        url=url,
        categories=tuple(api.translated(term.name) for term in meeting.themes),
    )


def ics_text(meetings: Iterable[Meeting], name: str, registered: set[int] | None = None) -> str:
    registered = registered or set()
    events = [to_event(m, m.id in registered) for m in meetings]
    return ical.calendar(events, zones.organization_zone(), name)


def ics_response(text: str, filename: str) -> Response:
    """An .ics download; calendar applications may subscribe to the same URL."""
    response = Response(text, mimetype="text/calendar")
    response.headers["Content-Type"] = "text/calendar; charset=utf-8"
    response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def add_links(meeting: Meeting) -> list[tuple[str, str]]:
    """``(label, url)`` of "add to my calendar" links: the .ics file, Google, Outlook."""
    title = api.translated(meeting.title)
    details = meeting_url(meeting)
    location = location_text(meeting, may_show_link(meeting, registered=False))
    google = {
        "action": "TEMPLATE",
        "text": title,
        "dates": f"{ical.utc_stamp(meeting.start_at)}/{ical.utc_stamp(meeting.end_at)}",
        "details": details,
        "location": location,
        "ctz": zones.organization_zone_name(),
    }
    outlook = {
        "path": "/calendar/action/compose",
        "rru": "addevent",
        "subject": title,
        "startdt": meeting.start_at.isoformat(),
        "enddt": meeting.end_at.isoformat(),
        "body": details,
        "location": location,
    }
    return [
        (api._("Calendar file (.ics)"), meeting_url(meeting, "meetings.meeting_ics")),
        (
            api._("Google Calendar"),
            "https://calendar.google.com/calendar/render?" + urlencode(google),
        ),
        ("Outlook", "https://outlook.live.com/calendar/0/action/compose?" + urlencode(outlook)),
    ]


def webcal(url: str) -> str:
    """A subscription link (``webcal://``) for an absolute http(s) calendar URL."""
    return "webcal://" + url.split("://", 1)[-1]
