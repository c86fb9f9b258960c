"""Capacity is never exceeded: many people ask for the last seat at the same moment.

Real requests in parallel threads against the test database: SQLite (writers
serialized by ``BEGIN IMMEDIATE``) or, with ``PNYX_TEST_DATABASE_URL``,
PostgreSQL (the meeting's row locked with ``SELECT ... FOR UPDATE``).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx.testing.concurrency import detached, post_at_once
from pnyx_meetings.models import Meeting, Registration, Status
from pnyx_meetings.registrations import new_code

CONTENDERS = 24
CAPACITY = 5


def count(session: Session, meeting: Meeting, status: str) -> int:
    query = select(func.count()).where(
        Registration.meeting_id == meeting.id, Registration.status == status
    )
    return session.scalar(query) or 0


def all_but_one_seat_taken(
    session: Session, meeting: Meeting, make_user: Callable[..., api.User]
) -> None:
    for _ in range(CAPACITY - 1):
        user = make_user()
        code = new_code(session, meeting.id)
        session.add(Registration(meeting_id=meeting.id, user_id=user.id, code=code))
        session.commit()


def race(app: Flask, session: Session, url: str, people: list[api.User]) -> list[int]:
    """Everyone POSTs to ``url`` at the same moment; the statuses of the answers."""
    with detached(app, session):
        return post_at_once(app, [(person, url, {}) for person in people])


@pytest.mark.parametrize("waiting_list", [False, True], ids=["no-waiting-list", "waiting-list"])
def test_the_last_seat_goes_to_exactly_one_person(
    app: Flask,
    session: Session,
    base_url: str,
    make_meeting: Callable[..., Meeting],
    make_user: Callable[..., api.User],
    waiting_list: bool,
) -> None:
    meeting = make_meeting(
        "Popular",
        registrations_enabled=True,
        capacity=CAPACITY,
        waiting_list_enabled=waiting_list,
    )
    all_but_one_seat_taken(session, meeting, make_user)
    people = [make_user() for _ in range(CONTENDERS)]
    session.commit()

    answers = race(app, session, f"{base_url}meetings/{meeting.id}/register", people)

    assert answers == [302] * CONTENDERS  # every request answered, none failed
    session.expire_all()
    assert count(session, meeting, Status.CONFIRMED) == CAPACITY
    waiting = count(session, meeting, Status.WAITING)
    assert waiting == (CONTENDERS - 1 if waiting_list else 0)


def test_one_person_clicking_many_times_registers_once(
    app: Flask,
    session: Session,
    base_url: str,
    make_meeting: Callable[..., Meeting],
    make_user: Callable[..., api.User],
) -> None:
    meeting = make_meeting("Popular", registrations_enabled=True, capacity=CAPACITY)
    person = make_user()
    session.commit()

    answers = race(app, session, f"{base_url}meetings/{meeting.id}/register", [person] * 20)

    assert answers == [302] * 20
    session.expire_all()
    assert count(session, meeting, Status.CONFIRMED) == 1
