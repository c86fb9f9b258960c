"""Admin pages: create, edit with errors, duplicate, delete, agenda, CSV, minutes, figures."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx.models import ActionLog
from pnyx.testing import PnyxClient
from pnyx_meetings.models import AgendaItem, Meeting, Minutes, Registration

NEW_MEETING = {
    "title-fr": "Forum des associations",
    "title-en": "Community forum",
    "kind": "hybrid",
    "start_at": "2030-03-30T18:30",
    "end_at": "2030-03-30T20:30",
    "address": "1 place de la Mairie",
    "online_url": "https://visio.example.org/forum",
    "online_access": "registered",
    "organizer": "official",
    "published": "1",
    "registrations_enabled": "1",
    "capacity": "50",
    "reserved_seats": "5",
}


@pytest.fixture
def admin(client: PnyxClient, make_user: Callable[..., api.User]) -> api.User:
    user = make_user(name="Camille", roles=["admin"])
    client.sign_in(user)
    return user


def test_only_admins_reach_the_admin_pages(
    client: PnyxClient, admin_url: str, make_user: Callable[..., api.User]
) -> None:
    client.sign_in(make_user())
    assert client.get(admin_url).status_code == 403


def test_an_admin_creates_a_meeting_in_the_city_time_zone(
    client: PnyxClient, session: Session, admin_url: str, admin: api.User
) -> None:
    response = client.post_form(f"{admin_url}new", NEW_MEETING)

    assert response.status_code == 302
    meeting = session.scalar(select(Meeting))
    assert meeting.title == {"fr": "Forum des associations", "en": "Community forum"}
    # 18:30 in Paris in March 2030, before the change of time: 17:30 UTC.
    assert meeting.start_at == dt.datetime(2030, 3, 30, 17, 30, tzinfo=dt.UTC)
    assert (meeting.capacity, meeting.reserved_seats, meeting.open_seats) == (50, 5, 45)
    entry = session.scalar(select(ActionLog).where(ActionLog.action == "meetings.create"))
    assert entry.actor_id == admin.id and entry.resource_id == meeting.id


def test_errors_are_shown_next_to_the_fields_and_the_input_is_kept(
    client: PnyxClient, session: Session, admin_url: str, admin: api.User
) -> None:
    data = {
        **NEW_MEETING,
        "title-fr": "",
        "end_at": "2030-03-30T17:00",
        "online_url": "ftp://x",
        "reserved_seats": "80",
    }

    response = client.post_form(f"{admin_url}new", data)

    assert response.status_code == 400
    page = response.text
    assert 'aria-invalid="true"' in page
    assert "Fill this in, at least in the main language." in page
    assert "The meeting must end after it starts." in page
    assert "Give a web address starting with https://." in page
    assert "More reserved seats than seats in the room." in page
    assert 'value="Community forum"' in page  # kept
    assert session.scalar(select(func.count()).select_from(Meeting)) == 0


def test_a_time_skipped_by_the_clocks_is_refused(
    client: PnyxClient, admin_url: str, admin: api.User
) -> None:
    data = {**NEW_MEETING, "start_at": "2030-03-31T02:30", "end_at": "2030-03-31T04:00"}
    response = client.post_form(f"{admin_url}new", data)
    assert response.status_code == 400
    assert "This time does not exist" in response.text


def test_duplicate_copies_the_agenda_but_not_registrations_nor_minutes(
    client: PnyxClient,
    session: Session,
    admin_url: str,
    admin: api.User,
    make_meeting: Callable[..., Meeting],
) -> None:
    meeting = make_meeting("Forum", registrations_enabled=True, capacity=10)
    parent = AgendaItem(meeting_id=meeting.id, title={"en": "Main"}, duration_minutes=60)
    session.add(parent)
    session.flush()
    session.add(
        AgendaItem(
            meeting_id=meeting.id, parent_id=parent.id, title={"en": "Sub"}, duration_minutes=20
        )
    )
    session.add(Registration(meeting_id=meeting.id, user_id=admin.id, code="ABCDEFGH"))
    session.add(Minutes(meeting_id=meeting.id, text={"en": "Done"}))
    session.commit()

    response = client.post_form(f"{admin_url}{meeting.id}/duplicate")

    copy = session.scalar(select(Meeting).where(Meeting.id != meeting.id))
    assert response.location.endswith(f"{admin_url}{copy.id}/edit")
    assert copy.title["en"] == "Forum (2)" and not copy.published and copy.uid != meeting.uid
    assert copy.capacity == 10 and copy.minutes is None
    items = {i.title["en"]: i for i in copy.agenda_items}
    assert items["Sub"].parent_id == items["Main"].id
    count = select(func.count()).where(Registration.meeting_id == copy.id)
    assert session.scalar(count) == 0


def test_delete(
    client: PnyxClient,
    session: Session,
    admin_url: str,
    admin: api.User,
    make_meeting: Callable[..., Meeting],
) -> None:
    meeting = make_meeting("Forum")
    asked = client.post_form(f"{admin_url}{meeting.id}/delete")  # issue 10 item 2
    assert asked.status_code == 200 and "Delete the meeting Forum?" in asked.text
    assert '<button type="submit" class="danger">Yes, delete the meeting' in asked.text
    assert session.scalar(select(func.count()).select_from(Meeting)) == 1
    confirmed = client.post_form(f"{admin_url}{meeting.id}/delete", {"confirmed": "yes"})
    assert confirmed.status_code == 302
    assert session.scalar(select(func.count()).select_from(Meeting)) == 0


def test_agenda_items_and_sub_items_fit_in_their_durations(
    client: PnyxClient,
    session: Session,
    admin_url: str,
    admin: api.User,
    make_meeting: Callable[..., Meeting],
) -> None:
    meeting = make_meeting("Forum")  # two hours
    url = f"{admin_url}{meeting.id}/agenda"
    item = {"title-fr": "Ateliers", "title-en": "Workshops", "duration_minutes": "60"}
    assert client.post_form(url, item).status_code == 302
    parent_id = session.scalar(select(AgendaItem.id))
    sub = {
        "title-fr": "Vélo",
        "title-en": "Cycling",
        "duration_minutes": "45",
        "parent_id": str(parent_id),
    }
    assert client.post_form(url, sub).status_code == 302

    too_long = client.post_form(url, {**sub, "title-fr": "Parcs", "title-en": "Parks"})
    assert too_long.status_code == 400
    assert "Sub-items last longer than their main item (60 minutes)." in too_long.text
    longer = client.post_form(url, {**item, "duration_minutes": "61"})
    assert "The agenda lasts longer than the meeting (120 minutes)." in longer.text

    page = client.get(url).text
    assert "Workshops" in page and "Cycling" in page
    public = client.get(f"{admin_url.replace('/admin', '')}meetings/{meeting.id}").text
    assert public.index("Workshops") < public.index("Cycling")


def test_registrations_list_and_csv(
    client: PnyxClient,
    session: Session,
    admin_url: str,
    admin: api.User,
    make_meeting: Callable[..., Meeting],
    make_user: Callable[..., api.User],
) -> None:
    meeting = make_meeting("Forum", registrations_enabled=True)
    ada = make_user(name="=Ada", email="ada@example.org")
    session.add(Registration(meeting_id=meeting.id, user_id=ada.id, code="ABCDEFGH"))
    session.commit()

    page = client.get(f"{admin_url}{meeting.id}/registrations").text
    assert "=Ada" in page and "ABCD-EFGH" in page
    response = client.get(f"{admin_url}{meeting.id}/registrations.csv")
    assert response.headers["Content-Type"].startswith("text/csv")
    lines = response.text.splitlines()
    assert lines[0] == "code,status,name,email,registered_at,validated_at"
    assert lines[1].startswith("ABCDEFGH,confirmed,'=Ada,ada@example.org,")


def test_close_with_minutes_and_statistics(
    client: PnyxClient,
    session: Session,
    admin_url: str,
    admin: api.User,
    make_meeting: Callable[..., Meeting],
) -> None:
    meeting = make_meeting("Forum", days=-2)
    minutes = {
        "text-fr": "Compte rendu.",
        "text-en": "What we said.",
        "attendees_count": "31",
        "contributions_count": "12",
        "attending_organizations": "Vélo-Cité",
        "video_url": "https://video.example.org/1",
        "published": "1",
    }
    assert client.post_form(f"{admin_url}{meeting.id}/close", minutes).status_code == 302

    index = client.get(admin_url).text
    assert "Closed" in index and "31" in index and "12" in index
    public = client.get(f"{admin_url.replace('/admin', '')}meetings/{meeting.id}").text
    assert "What we said." in public and "Vélo-Cité" in public
    assert "https://video.example.org/1" in public
    bad = client.post_form(f"{admin_url}{meeting.id}/close", {**minutes, "text-fr": ""})
    assert bad.status_code == 400 and 'aria-invalid="true"' in bad.text


def test_minutes_are_rich_text_with_a_preview(
    client: PnyxClient,
    session: Session,
    admin_url: str,
    admin: api.User,
    make_meeting: Callable[..., Meeting],
) -> None:
    """Minutes render the Markdown subset (docs/rich-text.md); "Preview" saves nothing."""
    meeting = make_meeting("Forum", days=-2)
    text = "## Décisions\n\n- *pistes* cyclables\n- voir https://ville.example/cr\n<img src=x>"
    minutes = {"text-fr": text, "text-en": text, "attendees_count": "3", "published": "1"}
    preview = client.post_form(f"{admin_url}{meeting.id}/close", {**minutes, "preview": "1"})
    assert preview.status_code == 200
    assert '<div class="rich-text"><h3>Décisions</h3>' in preview.text
    assert "&lt;img src=x&gt;" in preview.text and "<img src=x>" not in preview.text
    assert session.scalar(select(func.count()).select_from(Minutes)) == 0
    assert client.post_form(f"{admin_url}{meeting.id}/close", minutes).status_code == 302
    public = client.get(f"{admin_url.replace('/admin', '')}meetings/{meeting.id}").text
    assert "<li><em>pistes</em> cyclables</li>" in public
    # Participants organize meetings too: links in minutes keep nofollow ugc.
    assert '<a href="https://ville.example/cr" rel="nofollow ugc noopener">' in public
