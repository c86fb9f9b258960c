"""Lists cost the same number of queries whatever their length (DESIGN.md §9)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy.orm import Session

from pnyx import api
from pnyx.testing import PnyxClient
from pnyx_meetings.models import Kind, Meeting, Minutes, Registration

PAGE = 20


@pytest.fixture
def add_full_meeting(
    session: Session,
    make_meeting: Callable[..., Meeting],
    make_user: Callable[..., api.User],
) -> Callable[[int], Meeting]:
    """A meeting with everything a card shows: territory, themes, registrations, minutes."""
    territory = api.TaxonomyTerm(kind="territory", code="t", name={"en": "Town"})
    themes = [
        api.TaxonomyTerm(kind="theme", code=f"t{n}", name={"en": f"Theme {n}"}) for n in range(2)
    ]
    session.add_all([territory, *themes])
    session.commit()

    def add(number: int) -> Meeting:
        meeting = make_meeting(
            f"Meeting {number}",
            days=number % 25 + 1,
            kind=Kind.HYBRID,
            online_url="https://visio.example.org/x",
            territory_id=territory.id,
            registrations_enabled=True,
            capacity=10,
        )
        meeting.themes = list(themes)
        registrant = make_user()
        session.add(
            Registration(meeting_id=meeting.id, user_id=registrant.id, code=f"CODE{number:04d}")
        )
        if number % 2:
            session.add(Minutes(meeting_id=meeting.id, text={"en": "Minutes"}))
        session.commit()
        return meeting

    return add


@pytest.mark.parametrize(
    "path",
    [
        "{base}",
        "{base}?when=all",
        "{base}calendar?month={month}",
        "/meetings/",
        "/meetings/calendar?month={month}",
        "{admin}",
        "/",
    ],
    ids=["list", "all", "month", "directory", "directory-month", "admin", "home"],
)
def test_query_count_does_not_grow_with_the_list(
    client: PnyxClient,
    base_url: str,
    admin_url: str,
    add_full_meeting: Callable[[int], Meeting],
    make_user: Callable[..., api.User],
    count_queries: Callable[[str], int],
    path: str,
) -> None:
    client.sign_in(make_user(roles=["admin"]))
    first = add_full_meeting(0)
    month = first.start_at.strftime("%Y-%m")
    url = path.format(base=base_url, admin=admin_url, month=month)
    with_one = count_queries(url)

    for number in range(1, PAGE):
        add_full_meeting(number)
    with_a_page = count_queries(url)

    assert with_a_page == with_one, (
        f"{url}: {with_one} queries with 1 meeting, {with_a_page} with {PAGE}"
    )
    print(f"{url}: {with_one} queries")


def test_query_count_of_the_registrations_list(
    client: PnyxClient,
    session: Session,
    admin_url: str,
    make_meeting: Callable[..., Meeting],
    make_user: Callable[..., api.User],
    count_queries: Callable[[str], int],
) -> None:
    client.sign_in(make_user(roles=["admin"]))
    meeting = make_meeting("Forum", registrations_enabled=True)
    url = f"{admin_url}{meeting.id}/registrations"

    def register(number: int) -> None:
        session.add(
            Registration(meeting_id=meeting.id, user_id=make_user().id, code=f"CODE{number:04d}")
        )
        session.commit()

    register(0)
    with_one = count_queries(url)
    for number in range(1, PAGE):
        register(number)
    assert count_queries(url) == with_one
