"""Participants' meetings: created when the phase allows, organized only by their organizer."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx.models import ActionLog
from pnyx.testing import PnyxClient
from pnyx.testing.submissions import sent_twice
from pnyx_meetings.models import Meeting, Organizer

MEETING = {
    "title-fr": "Pique-nique de quartier",
    "title-en": "Neighbourhood picnic",
    "kind": "in_person",
    "start_at": "2030-06-15T12:00",
    "end_at": "2030-06-15T15:00",
    "address": "Parc des Prébendes",
    "online_access": "public",
}


@pytest.fixture
def open_component(make_component: Callable[..., api.Component]) -> api.Component:
    return make_component("meetings", settings={"default_step": {"creation_enabled": True}})


@pytest.fixture
def open_url(open_component: api.Component) -> str:
    return f"/spaces/{open_component.space.slug}/meetings/{open_component.id}/"


def test_creation_is_closed_unless_the_phase_allows_it(
    client: PnyxClient, base_url: str, make_user: Callable[..., api.User]
) -> None:
    client.sign_in(make_user())
    assert "Create a meeting" not in client.get(base_url).text
    assert client.post_form(f"{base_url}new", MEETING).status_code == 403


def test_a_participant_creates_edits_and_closes_their_meeting(
    client: PnyxClient,
    session: Session,
    open_url: str,
    make_user: Callable[..., api.User],
) -> None:
    ada = make_user(name="Ada")
    client.sign_in(ada)
    assert "Create a meeting" in client.get(open_url).text

    created = client.post_form(f"{open_url}new", {**MEETING, "group_name": "Friends of the park"})

    meeting = session.scalar(select(Meeting))
    assert created.location.endswith(f"{open_url}meetings/{meeting.id}")
    assert meeting.author_id == ada.id and meeting.organizer == Organizer.GROUP
    page = client.get(created.location).text
    assert "Friends of the park" in page and "Edit your meeting" in page
    edited = client.post_form(
        f"{open_url}meetings/{meeting.id}/edit", {**MEETING, "title-en": "Big picnic"}
    )
    assert edited.status_code == 302
    assert "Big picnic" in client.get(created.location).text
    early = client.post_form(f"{open_url}meetings/{meeting.id}/close", {"text-fr": "Trop tôt"})
    assert early.status_code == 302 and meeting.minutes is None


def test_participants_limits_apply(
    client: PnyxClient, session: Session, open_url: str, make_user: Callable[..., api.User]
) -> None:
    client.sign_in(make_user())
    data = {**MEETING, "registrations_enabled": "1", "capacity": "5000"}
    response = client.post_form(f"{open_url}new", data)
    assert response.status_code == 400
    assert "Give a number between 0 and 200." in response.text
    assert 'name="reserved_seats"' not in response.text  # staff-only fields


def test_someone_else_cannot_organize_the_meeting(
    client: PnyxClient,
    open_url: str,
    open_component: api.Component,
    make_meeting: Callable[..., Meeting],
    make_user: Callable[..., api.User],
) -> None:
    owner = make_user()
    meeting = make_meeting(
        "Picnic",
        component=open_component,
        author_id=owner.id,
        organizer=Organizer.PARTICIPANT,
        days=-1,
    )
    client.sign_in(make_user())
    assert "Edit your meeting" not in client.get(f"{open_url}meetings/{meeting.id}").text
    assert client.get(f"{open_url}meetings/{meeting.id}/edit").status_code == 403
    assert client.post_form(f"{open_url}meetings/{meeting.id}/close", {}).status_code == 403
    client.sign_in(owner)
    minutes = {"text-fr": "On a mangé.", "attendees_count": "8", "published": "1"}
    assert client.post_form(f"{open_url}meetings/{meeting.id}/close", minutes).status_code == 302
    assert "On a mangé." in client.get(f"{open_url}meetings/{meeting.id}").text


def test_a_participants_edit_sent_twice_is_saved_once(
    client: PnyxClient,
    session: Session,
    open_url: str,
    make_user: Callable[..., api.User],
) -> None:
    """Each edit tells the meeting's followers: sent twice, they heard it twice (docs/forms.md)."""
    client.sign_in(make_user(name="Ada"))
    created = client.post_form(f"{open_url}new", {**MEETING, "group_name": "Friends of the park"})
    meeting = session.scalar(select(Meeting))
    edit = f"{open_url}meetings/{meeting.id}/edit"
    first, _again = sent_twice(client, edit, {**MEETING, "title-en": "Big picnic"})
    assert first.location == created.location
    updates = select(func.count()).where(ActionLog.action == "meetings.update")
    assert session.scalar(updates) == 1
