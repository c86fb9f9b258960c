"""A person's data: exported on request, erased with the account."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx_meetings import plugin
from pnyx_meetings.models import Meeting, Organizer, Registration


def test_export_and_delete(
    app: Flask,
    session: Session,
    make_meeting: Callable[..., Meeting],
    make_user: Callable[..., api.User],
) -> None:
    ada = make_user(name="Ada")
    mine = make_meeting("Picnic", author_id=ada.id, organizer=Organizer.PARTICIPANT)
    other = make_meeting("Forum", registrations_enabled=True)
    session.add(Registration(meeting_id=other.id, user_id=ada.id, code="ABCDEFGH"))
    session.commit()
    assert plugin.export_user_data(make_user()) is None

    with app.test_request_context():
        exported = plugin.export_user_data(ada)
        registrations = list(exported["registrations.csv"])
        organized = list(exported["organized_meetings.json"])
    assert [row["code"] for row in registrations] == ["ABCDEFGH"]
    assert [row["id"] for row in organized] == [mine.id]

    plugin.delete_user_data(ada, session)
    session.commit()

    assert session.scalar(select(func.count()).select_from(Registration)) == 0
    session.refresh(mine)
    assert mine.author_id is None  # the meeting stays, by a deleted participant
