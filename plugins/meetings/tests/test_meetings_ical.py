"""Calendars (RFC 5545), read back by an independent parser: the ``icalendar`` package."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from zoneinfo import ZoneInfo

import icalendar
from sqlalchemy.orm import Session

from pnyx import api
from pnyx.testing import PnyxClient
from pnyx_meetings import ical
from pnyx_meetings.models import Meeting

PARIS = ZoneInfo("Europe/Paris")


def events(text: str) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(text)
    return {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}


def test_the_organization_calendar_keeps_wall_clock_times_across_the_spring_change(
    client: PnyxClient,
    make_meeting: Callable[..., Meeting],
    paris: Callable[..., dt.datetime],
) -> None:
    # Clocks go forward on Sunday 31 March 2030 at 02:00 in Paris, back on 27 October.
    make_meeting("Before", start_at=paris(2030, 3, 30, 18))
    make_meeting("After", start_at=paris(2030, 4, 1, 18))
    make_meeting("Autumn", start_at=paris(2030, 10, 28, 18))

    response = client.get("/meetings/calendar.ics")

    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    found = events(response.text)
    for name in ("Before", "After", "Autumn"):
        start = found[name].decoded("DTSTART")
        assert (start.hour, start.minute) == (18, 0), name
        assert found[name]["DTSTART"].params["TZID"] == "Europe/Paris"
    utc = {name: found[name].decoded("DTSTART").astimezone(dt.UTC).hour for name in found}
    assert utc == {"Before": 17, "After": 16, "Autumn": 17}


def test_the_vtimezone_alone_describes_the_change(
    client: PnyxClient,
    make_meeting: Callable[..., Meeting],
    paris: Callable[..., dt.datetime],
) -> None:
    """Renamed, the zone is unknown to the parser: it must build it from our VTIMEZONE."""
    make_meeting("Before", start_at=paris(2030, 3, 30, 18))
    make_meeting("After", start_at=paris(2030, 4, 1, 18))
    text = client.get("/meetings/calendar.ics").text.replace("Europe/Paris", "Pnyx/Test-City")

    calendar = icalendar.Calendar.from_ical(text)
    [vtimezone] = calendar.walk("VTIMEZONE")
    zone = vtimezone.to_tz()
    before = dt.datetime(2030, 3, 30, 18, tzinfo=zone)
    after = dt.datetime(2030, 4, 1, 18, tzinfo=zone)
    assert before.utcoffset() == dt.timedelta(hours=1)
    assert after.utcoffset() == dt.timedelta(hours=2)
    found = {str(e["SUMMARY"]): e.decoded("DTSTART") for e in calendar.walk("VEVENT")}
    assert found["Before"].astimezone(dt.UTC) == dt.datetime(2030, 3, 30, 17, tzinfo=dt.UTC)
    assert found["After"].astimezone(dt.UTC) == dt.datetime(2030, 4, 1, 16, tzinfo=dt.UTC)


def test_uids_are_stable_and_sequence_rises_on_edit(
    client: PnyxClient,
    session: Session,
    base_url: str,
    admin_url: str,
    make_meeting: Callable[..., Meeting],
    make_user: Callable[..., api.User],
) -> None:
    meeting = make_meeting("Forum")
    first = events(client.get(f"{base_url}calendar.ics").text)["Forum"]
    again = events(client.get(f"{base_url}calendar.ics").text)["Forum"]
    assert str(first["UID"]) == str(again["UID"]) == f"{meeting.uid}@meetings.pnyx"
    assert int(first["SEQUENCE"]) == 0

    client.sign_in(make_user(roles=["admin"]))
    form = admin_form(meeting, title="Forum renamed")
    assert client.post_form(f"{admin_url}{meeting.id}/edit", form).status_code == 302

    edited = events(client.get(f"{base_url}meetings/{meeting.id}.ics").text)["Forum renamed"]
    assert str(edited["UID"]) == str(first["UID"])
    assert int(edited["SEQUENCE"]) == 1


def admin_form(meeting: Meeting, title: str) -> dict[str, str]:
    start, end = meeting.start_at.astimezone(PARIS), meeting.end_at.astimezone(PARIS)
    return {
        "title-en": title,
        "title-fr": title,
        "kind": "in_person",
        "start_at": start.strftime("%Y-%m-%dT%H:%M"),
        "end_at": end.strftime("%Y-%m-%dT%H:%M"),
        "address": "1 place de la Mairie",
        "online_access": "public",
        "organizer": "official",
        "published": "1",
        "capacity": "0",
        "reserved_seats": "0",
    }


def test_a_meeting_file_has_its_place_link_and_translated_title(
    client: PnyxClient,
    base_url: str,
    make_meeting: Callable[..., Meeting],
) -> None:
    meeting = make_meeting(
        "Forum", location={"en": "Hall; east, wing"}, description={"en": "Line one\nLine two"}
    )
    url = f"{base_url}meetings/{meeting.id}.ics"
    event = events(client.get(url).text)["Forum"]
    assert str(event["LOCATION"]) == "Hall; east, wing, 1 place de la Mairie"
    assert "Line one\nLine two" in str(event["DESCRIPTION"])
    assert str(event["URL"]).endswith(f"{base_url}meetings/{meeting.id}")
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "fr"
    assert "Forum (fr)" in events(client.get(url).text)


def test_add_to_my_calendar_links(
    client: PnyxClient, base_url: str, make_meeting: Callable[..., Meeting]
) -> None:
    meeting = make_meeting("Forum")
    page = client.get(f"{base_url}meetings/{meeting.id}").text
    assert f'href="http://localhost{base_url}meetings/{meeting.id}.ics"' in page
    assert "https://calendar.google.com/calendar/render?action=TEMPLATE" in page
    assert "https://outlook.live.com/calendar/0/action/compose?" in page


def test_lines_are_folded_at_75_octets_and_text_is_escaped() -> None:
    event = ical.Event(
        uid="x@test",
        start=dt.datetime(2030, 1, 1, tzinfo=dt.UTC),
        end=dt.datetime(2030, 1, 1, 1, tzinfo=dt.UTC),
        stamp=dt.datetime(2030, 1, 1, tzinfo=dt.UTC),
        summary="Réunion; café, \\ " + "é" * 100,
    )
    text = ical.calendar([event], PARIS)
    lines = text.split("\r\n")
    assert text.endswith("\r\n") and all(len(line.encode()) <= 75 for line in lines)
    assert "SUMMARY:Réunion\\; café\\, \\\\ " in text
    parsed = icalendar.Calendar.from_ical(text)
    assert str(parsed.walk("VEVENT")[0]["SUMMARY"]) == "Réunion; café, \\ " + "é" * 100


def test_a_zone_without_daylight_saving_has_one_observance() -> None:
    lines = ical.vtimezone(ZoneInfo("Asia/Tokyo"), 2025, 2027)
    assert lines.count("BEGIN:STANDARD") == 1 and "BEGIN:DAYLIGHT" not in lines
    assert "TZOFFSETTO:+0900" in lines
