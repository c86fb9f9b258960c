"""Meetings and the core's notifications (issue 19): registering follows the meeting; its
followers hear of minutes and cancellation; a space's followers hear of a new meeting."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx.models import Notification
from pnyx.testing import PnyxClient
from pnyx_meetings.models import Meeting


def kinds_of(session: Session, user: api.User) -> list[str]:
    session.commit()
    query = select(Notification.kind).where(Notification.user_id == user.id)
    return list(session.scalars(query.order_by(Notification.id)))


def test_registered_people_follow_and_hear_minutes_and_cancellation(
    client: PnyxClient,
    session: Session,
    base_url: str,
    admin_url: str,
    component: api.Component,
    make_meeting: Callable[..., Meeting],
    make_user: Callable[..., api.User],
) -> None:
    meeting = make_meeting("Forum", registrations_enabled=True, capacity=10)
    ada, fan = make_user(name="Ada"), make_user(name="Fan")
    api.follow(fan, component.space)
    session.commit()
    client.sign_in(ada)
    client.post_form(f"{base_url}meetings/{meeting.id}/register")
    assert api.following(ada, ("meetings_meeting", meeting.id)).reason == "registered"
    assert "because you registered" in client.get(f"{base_url}meetings/{meeting.id}").text
    assert kinds_of(session, ada) == ["meetings.registered"]
    assert "Registered to" in client.get("/account/activity").text
    assert "Forum" not in client.get(f"/people/{ada.id}").text  # private

    client.sign_in(make_user(name="Camille", roles=["admin"]))
    minutes = {"text-fr": "Compte rendu.", "text-en": "What we said.", "published": "1"}
    client.post_form(f"{admin_url}{meeting.id}/close", minutes)
    assert kinds_of(session, ada)[-1] == "meetings.closed"
    assert kinds_of(session, fan) == ["meetings.closed"]  # follows the whole space

    client.post_form(f"{admin_url}{meeting.id}/delete", {"confirmed": "yes"})
    assert kinds_of(session, ada)[-1] == "meetings.cancelled"
    note = session.scalars(select(Notification).order_by(Notification.id.desc())).first()
    assert "Forum" in note.title.values()
