"""Registering: seats, reserved seats, terms, waiting list, codes at the door, cancellation."""

from __future__ import annotations

from collections.abc import Callable
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx.testing import PnyxClient
from pnyx.testing.mail import Outbox
from pnyx_meetings.models import Meeting, Registration, Status


def statuses(session: Session, meeting: Meeting) -> dict[int, str]:
    query = select(Registration.user_id, Registration.status).where(
        Registration.meeting_id == meeting.id
    )
    return {user_id: status for user_id, status in session.execute(query)}


@pytest.fixture
def open_meeting(make_meeting: Callable[..., Meeting]) -> Meeting:
    """Three seats in the room, one of them reserved: two for registrations."""
    return make_meeting("Forum", registrations_enabled=True, capacity=3, reserved_seats=1)


@pytest.fixture
def url(base_url: str, open_meeting: Meeting) -> str:
    return f"{base_url}meetings/{open_meeting.id}"


def test_a_resident_registers_and_gets_a_code_and_an_email(
    client: PnyxClient,
    session: Session,
    url: str,
    open_meeting: Meeting,
    make_user: Callable[..., api.User],
    outbox: Outbox,
) -> None:
    ada = make_user(name="Ada", email="ada@example.org")
    client.sign_in(ada)

    response = client.post_form(f"{url}/register")

    assert response.status_code == 302 and response.location == url
    registration = session.scalar(select(Registration))
    assert registration.status == Status.CONFIRMED and len(registration.code) == 8
    page = client.get(url).text
    shown = f"{registration.code[:4]}-{registration.code[4:]}"
    # The code is written one way everywhere (the message above the page, the page, the
    # e-mail): the message wrote it without its dash.
    assert f"Your code is {shown}." in page
    assert "You are registered." in page and shown in page.replace(f"Your code is {shown}.", "")
    assert "1 seat left" in page
    message = outbox.to("ada@example.org")[-1]
    assert "Forum" in message["Subject"]
    body = message.get_body(("plain",)).get_content()
    assert shown in body and url in body
    [attachment] = list(message.iter_attachments())
    assert attachment.get_content_type() == "text/calendar"
    assert attachment.get_filename() == "meeting.ics"
    assert f"UID:{open_meeting.uid}@" in attachment.get_content()


def test_registering_is_for_signed_in_people(client: PnyxClient, url: str) -> None:
    response = client.post_form(f"{url}/register")
    assert response.status_code == 302 and "/sign-in" in response.location
    assert "Sign in to do this." in client.get(url).text


def test_reserved_seats_are_not_offered_and_a_full_meeting_says_so(
    client: PnyxClient,
    session: Session,
    url: str,
    open_meeting: Meeting,
    make_user: Callable[..., api.User],
) -> None:
    for _ in range(2):
        client.sign_in(make_user())
        client.post_form(f"{url}/register")
    late = make_user()
    client.sign_in(late)

    assert "This meeting is full." in client.get(url).text
    client.post_form(f"{url}/register")

    assert late.id not in statuses(session, open_meeting)
    assert "This meeting is full." in client.get(url).text


def test_the_waiting_list_moves_up_when_a_seat_is_given_back(
    client: PnyxClient,
    session: Session,
    url: str,
    open_meeting: Meeting,
    make_user: Callable[..., api.User],
    outbox: Outbox,
) -> None:
    open_meeting.waiting_list_enabled = True
    session.commit()
    first, second, third, fourth = (
        make_user(email=f"p{n}@example.org", locale="en") for n in range(4)
    )
    for person in (first, second, third, fourth):
        client.sign_in(person)
        client.post_form(f"{url}/register")
    assert statuses(session, open_meeting) == {
        first.id: "confirmed",
        second.id: "confirmed",
        third.id: "waiting",
        fourth.id: "waiting",
    }
    client.sign_in(third)
    assert "you are on the waiting list" in client.get(url).text

    client.sign_in(first)
    client.post_form(f"{url}/unregister")

    assert statuses(session, open_meeting) == {
        second.id: "confirmed",
        third.id: "confirmed",
        fourth.id: "waiting",
    }
    assert "A seat is free for you" in outbox.to("p2@example.org")[-1]["Subject"]


def test_raising_the_capacity_gives_seats_to_people_waiting(
    client: PnyxClient,
    session: Session,
    admin_url: str,
    url: str,
    open_meeting: Meeting,
    make_user: Callable[..., api.User],
) -> None:
    open_meeting.waiting_list_enabled = True
    session.commit()
    people = [make_user() for _ in range(3)]
    for person in people:
        client.sign_in(person)
        client.post_form(f"{url}/register")
    client.sign_in(make_user(roles=["admin"]))
    form = client.get(f"{admin_url}{open_meeting.id}/edit").text
    assert 'name="capacity" type="number" value="3"' in form
    data = edit_data(open_meeting, capacity="4")

    assert client.post_form(f"{admin_url}{open_meeting.id}/edit", data).status_code == 302

    assert set(statuses(session, open_meeting).values()) == {"confirmed"}


def edit_data(meeting: Meeting, **changes: str) -> dict[str, str]:
    """The admin form as it was filled for ``meeting`` (Paris times), with ``changes``."""
    start = meeting.start_at.astimezone(ZoneInfo("Europe/Paris"))
    end = meeting.end_at.astimezone(start.tzinfo)
    data = {
        "title-en": meeting.title["en"],
        "title-fr": meeting.title["fr"],
        "kind": meeting.kind,
        "start_at": start.strftime("%Y-%m-%dT%H:%M"),
        "end_at": end.strftime("%Y-%m-%dT%H:%M"),
        "address": meeting.address,
        "online_access": "public",
        "organizer": "official",
        "published": "1",
        "registrations_enabled": "1",
        "capacity": str(meeting.capacity),
        "reserved_seats": str(meeting.reserved_seats),
        "waiting_list_enabled": "1",
    }
    data.update(changes)
    return data


def test_terms_must_be_accepted(
    client: PnyxClient,
    session: Session,
    url: str,
    open_meeting: Meeting,
    make_user: Callable[..., api.User],
) -> None:
    open_meeting.registration_terms = {"en": "Your name is kept until the meeting."}
    session.commit()
    client.sign_in(make_user())

    refused = client.post_form(f"{url}/register")

    assert refused.status_code == 400
    assert 'aria-invalid="true"' in refused.text and "Accept the registration terms" in refused.text
    assert statuses(session, open_meeting) == {}
    assert client.post_form(f"{url}/register", {"accept_terms": "1"}).status_code == 302
    assert len(statuses(session, open_meeting)) == 1


def test_registering_twice_keeps_one_registration(
    client: PnyxClient,
    session: Session,
    url: str,
    open_meeting: Meeting,
    make_user: Callable[..., api.User],
) -> None:
    client.sign_in(make_user())
    client.post_form(f"{url}/register")
    client.post_form(f"{url}/register")
    assert len(statuses(session, open_meeting)) == 1
    assert "You are already registered" in client.get(url).text


def test_registrations_close_when_the_meeting_starts(
    client: PnyxClient,
    session: Session,
    base_url: str,
    make_meeting: Callable[..., Meeting],
    make_user: Callable[..., api.User],
) -> None:
    past = make_meeting("Yesterday", days=-1, registrations_enabled=True)
    client.sign_in(make_user())
    url = f"{base_url}meetings/{past.id}"
    assert "Registrations are closed" in client.get(url).text
    client.post_form(f"{url}/register")
    assert statuses(session, past) == {}


def test_registrations_follow_the_phase(
    client: PnyxClient,
    make_component: Callable[..., api.Component],
    make_meeting: Callable[..., Meeting],
    make_user: Callable[..., api.User],
) -> None:
    closed = make_component("meetings", settings={"default_step": {"registrations_enabled": False}})
    meeting = make_meeting("Closed phase", component=closed, registrations_enabled=True)
    url = f"/spaces/{closed.space.slug}/meetings/{closed.id}/meetings/{meeting.id}"
    client.sign_in(make_user())
    assert "This is not possible during the current phase." in client.get(url).text
    assert client.post_form(f"{url}/register").status_code == 403


def test_staff_validate_codes_at_the_door(
    client: PnyxClient,
    session: Session,
    url: str,
    admin_url: str,
    open_meeting: Meeting,
    make_user: Callable[..., api.User],
) -> None:
    client.sign_in(make_user(name="Ada"))
    client.post_form(f"{url}/register")
    code = session.scalar(select(Registration.code))
    client.sign_in(make_user(roles=["admin"]))
    door = f"{admin_url}{open_meeting.id}/registrations/validate"

    wrong = client.post_form(door, {"code": "NOPE-NOPE"})
    assert wrong.status_code == 400 and "No registration has this code." in wrong.text
    assert 'aria-invalid="true"' in wrong.text
    shown = f"{code[:4].lower()}-{code[4:].lower()}"
    assert client.post_form(door, {"code": shown}).status_code == 302
    assert (
        "Code valid: welcome, Ada."
        in client.get(f"{admin_url}{open_meeting.id}/registrations").text
    )
    again = client.post_form(door, {"code": code})
    assert again.status_code == 400 and "already validated" in again.text
    assert session.scalar(select(Registration.validated_at)) is not None
