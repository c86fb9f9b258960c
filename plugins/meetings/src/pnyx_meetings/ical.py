"""An RFC 5545 (iCalendar) writer: calendars of events with their time zone.

Small and dependency-free on purpose: events carry a ``TZID`` of the
organization's zone, and the calendar describes that zone in a ``VTIMEZONE``
built from the system's zoneinfo database, with one observance per
daylight-saving change in the years the events span, so any calendar
application reads the same wall-clock times (Europe/Paris: 18:00 stays 18:00
on both sides of the last Sunday of March).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from zoneinfo import ZoneInfo

import attrs

PRODID = "-//Pnyx//Meetings//EN"
CRLF = "\r\n"
#: RFC 5545 §3.1: lines longer than 75 octets are folded.
LINE_OCTETS = 75


@attrs.frozen
class Event:
    """What a calendar needs to know about one meeting."""

    uid: str
    start: dt.datetime
    end: dt.datetime
    summary: str
    stamp: dt.datetime
    sequence: int = 0
    description: str = ""
    location: str = ""
    url: str = ""
    created: dt.datetime | None = None
    categories: tuple[str, ...] = ()
    cancelled: bool = False


def escape_text(value: str) -> str:
    """TEXT value escaping (RFC 5545 §3.3.11)."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    for char in ("\\", ";", ","):
        value = value.replace(char, "\\" + char)
    return value.replace("\n", "\\n")


def fold(line: str) -> str:
    """Fold ``line`` into chunks of at most 75 octets, never inside a UTF-8 character."""
    encoded = line.encode()
    if len(encoded) <= LINE_OCTETS:
        return line
    parts, current, size, limit = [], [], 0, LINE_OCTETS
    for char in line:
        width = len(char.encode())
        if size + width > limit:
            parts.append("".join(current))
            current, size, limit = [], 0, LINE_OCTETS - 1  # continuation lines start with a space
        current.append(char)
        size += width
    parts.append("".join(current))
    return (CRLF + " ").join(parts)


def utc_stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def local_stamp(moment: dt.datetime, tz: ZoneInfo) -> str:
    return moment.astimezone(tz).strftime("%Y%m%dT%H%M%S")


def offset(delta: dt.timedelta | None) -> str:
    """A UTC offset as RFC 5545 writes it: ``+0100``, ``-0430``."""
    minutes = int((delta or dt.timedelta()).total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}{rest:02d}"


def transitions(tz: ZoneInfo, first_year: int, last_year: int) -> Iterator[dt.datetime]:
    """UTC instants in the given years when ``tz``'s offset changes.

    zoneinfo exposes no transition table: sample one instant a day and narrow
    each change down to the second.
    """
    start = dt.datetime(first_year, 1, 1, tzinfo=dt.UTC)
    stop = dt.datetime(last_year + 1, 1, 1, tzinfo=dt.UTC)
    day = dt.timedelta(days=1)
    moment = start
    while moment < stop:
        after = moment + day
        if moment.astimezone(tz).utcoffset() != after.astimezone(tz).utcoffset():
            yield _narrow(tz, moment, after)
        moment = after


def _narrow(tz: ZoneInfo, low: dt.datetime, high: dt.datetime) -> dt.datetime:
    before = low.astimezone(tz).utcoffset()
    while high - low > dt.timedelta(seconds=1):
        middle = low + (high - low) / 2
        middle = middle.replace(microsecond=0)
        if middle.astimezone(tz).utcoffset() == before:
            low = middle
        else:
            high = middle
    return high


def vtimezone(tz: ZoneInfo, first_year: int, last_year: int) -> list[str]:
    """The ``VTIMEZONE`` of ``tz`` with one observance per change in those years."""
    lines = ["BEGIN:VTIMEZONE", f"TZID:{tz.key}"]
    changes = list(transitions(tz, first_year, last_year))
    if not changes:
        # A zone without changes (UTC, Asia/Tokyo...): one observance from 1970.
        moment = dt.datetime(first_year, 1, 1, tzinfo=dt.UTC).astimezone(tz)
        lines += _observance("STANDARD", "19700101T000000", moment, moment.utcoffset())
    for change in changes:
        before = (change - dt.timedelta(seconds=1)).astimezone(tz).utcoffset()
        local = change.astimezone(tz)
        kind = "DAYLIGHT" if local.dst() else "STANDARD"
        # DTSTART is the wall-clock time of the change, read in the old offset.
        start = (change.replace(tzinfo=None) + (before or dt.timedelta())).strftime("%Y%m%dT%H%M%S")
        lines += _observance(kind, start, local, before)
    lines.append("END:VTIMEZONE")
    return lines


def _observance(
    kind: str, start: str, local: dt.datetime, before: dt.timedelta | None
) -> list[str]:
    return [
        f"BEGIN:{kind}",
        f"DTSTART:{start}",
        f"TZOFFSETFROM:{offset(before)}",
        f"TZOFFSETTO:{offset(local.utcoffset())}",
        f"TZNAME:{escape_text(local.tzname() or tz_fallback_name(local))}",
        f"END:{kind}",
    ]


def tz_fallback_name(local: dt.datetime) -> str:
    return f"UTC{offset(local.utcoffset())}"


def vevent(event: Event, tz: ZoneInfo) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"UID:{escape_text(event.uid)}",
        f"DTSTAMP:{utc_stamp(event.stamp)}",
        f"DTSTART;TZID={tz.key}:{local_stamp(event.start, tz)}",
        f"DTEND;TZID={tz.key}:{local_stamp(event.end, tz)}",
        f"SEQUENCE:{event.sequence}",
        f"SUMMARY:{escape_text(event.summary)}",
        f"STATUS:{'CANCELLED' if event.cancelled else 'CONFIRMED'}",
        f"LAST-MODIFIED:{utc_stamp(event.stamp)}",
    ]
    if event.created is not None:
        lines.append(f"CREATED:{utc_stamp(event.created)}")
    if event.description:
        lines.append(f"DESCRIPTION:{escape_text(event.description)}")
    if event.location:
        lines.append(f"LOCATION:{escape_text(event.location)}")
    if event.url:
        lines.append(f"URL:{event.url}")
    if event.categories:
        lines.append("CATEGORIES:" + ",".join(escape_text(c) for c in event.categories))
    lines.append("END:VEVENT")
    return lines


def calendar(events: Iterable[Event], tz: ZoneInfo, name: str = "") -> str:
    """A whole ``VCALENDAR`` (CRLF line ends, folded lines) for ``events`` in ``tz``."""
    events = list(events)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    if name:
        lines.append(f"X-WR-CALNAME:{escape_text(name)}")
    lines.append(f"X-WR-TIMEZONE:{tz.key}")
    years = [moment.astimezone(tz).year for e in events for moment in (e.start, e.end)]
    if years:
        lines += vtimezone(tz, min(years) - 1, max(years) + 1)
    for event in events:
        lines += vevent(event, tz)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines)
