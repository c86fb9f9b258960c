"""The meetings forms' error summary names each field and links to its control, like the
core's forms (docs/forms.md): "Ends: The meeting must end after it starts."."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from pnyx import api
from pnyx.testing import PnyxClient
from pnyx_meetings.models import Meeting

REFUSED = {
    "title-fr": "",
    "title-en": "Community forum",
    "kind": "hybrid",
    "start_at": "2030-03-30T18:30",
    "end_at": "2030-03-30T17:00",
    "address": "1 place de la Mairie",
    "online_url": "ftp://x",
    "online_access": "registered",
    "organizer": "official",
    "capacity": "50",
    "reserved_seats": "80",
}


@pytest.fixture
def admin(client: PnyxClient, make_user: Callable[..., api.User]) -> api.User:
    user = make_user(roles=["admin"])
    client.sign_in(user)
    return user


def summary(page: str) -> str:
    start = page.index('class="error-summary"')
    return page[start : page.index("</div>", start)]


def test_the_meeting_form_summary_names_and_links_each_field(
    client: PnyxClient, admin_url: str, admin: api.User
) -> None:
    response = client.post_form(f"{admin_url}new", REFUSED)
    assert response.status_code == 400
    found = summary(response.text)
    expected = [
        ("title-fr", "Title: Fill this in, at least in the main language."),
        ("end_at", "Ends: The meeting must end after it starts."),
        ("online_url", "Online link: Give a web address starting with https://."),
        ("reserved_seats", "Reserved seats: More reserved seats than seats in the room."),
    ]
    for input_id, text in expected:
        assert f'<a href="#{input_id}">{text}</a>' in found
        assert f'id="{input_id}"' in response.text  # the link leads to a control
    assert found.index("#title-fr") < found.index("#end_at") < found.index("#reserved_seats")
    assert 'value="Community forum"' in response.text  # what was typed is kept


def test_the_agenda_form_summary_names_its_fields(
    client: PnyxClient,
    admin_url: str,
    admin: api.User,
    make_meeting: Callable[..., Meeting],
) -> None:
    meeting = make_meeting("Forum")
    url = f"{admin_url}{meeting.id}/agenda"
    response = client.post_form(url, {"title-fr": "", "duration_minutes": "abc"})
    assert response.status_code == 400
    found = summary(response.text)
    assert '<a href="#title-fr">Title: ' in found
    assert '<a href="#duration_minutes">Duration (minutes): Give a whole number.</a>' in found


def test_the_french_summary_keeps_french_punctuation(
    client: PnyxClient, admin_url: str, admin: api.User
) -> None:
    response = client.post_form(f"{admin_url}new", REFUSED, headers={"Accept-Language": "fr"})
    assert "Fin\u202f: " in summary(response.text)


def test_a_meeting_of_the_year_2_is_refused_and_the_typed_date_kept(
    client: PnyxClient, admin_url: str, admin: api.User
) -> None:
    typed = {**REFUSED, "title-fr": "Forum", "end_at": "0002-03-30T20:30", "online_url": ""}
    response = client.post_form(f"{admin_url}new", {**typed, "reserved_seats": "5"})
    assert response.status_code == 400
    found = summary(response.text)
    assert '<a href="#end_at">Ends: Give a date from the year 2000 to the year ' in found
    assert 'value="0002-03-30T20:30"' in response.text
