"""A meeting form sent twice at once (a double click) makes one meeting, an agenda item form
sent again one item, the "Duplicate" button clicked twice one copy (api.submissions,
docs/forms.md). SQLite here, PostgreSQL with
PNYX_TEST_DATABASE_URL."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from pnyx.models import ActionLog
from pnyx.testing.concurrency import post_at_once
from pnyx.testing.submissions import sent_twice
from pnyx_meetings.models import AgendaItem, Meeting

FORM = {
    "title-fr": "Forum des associations",
    "kind": "in_person",
    "start_at": "2030-03-30T18:30",
    "end_at": "2030-03-30T20:30",
    "address": "1 place de la Mairie",
    "organizer": "official",
    "published": "1",
    "submission_token": "Meeting-sent-once-0123456789",
}


@pytest.fixture
def pnyx_config() -> dict[str, object]:
    return {"PROPAGATE_EXCEPTIONS": False}


def test_a_double_click_makes_one_meeting(app, session, admin_url, make_user, detached) -> None:
    admin = make_user(roles=["admin"])
    statuses = post_at_once(app, [(admin, f"{admin_url}new", FORM)] * 4)
    assert statuses == [302] * 4
    assert session.scalar(select(func.count()).select_from(Meeting)) == 1


def test_the_form_sent_again_leads_to_the_first_meeting(
    client, session, admin_url, make_user
) -> None:
    client.sign_in(make_user(roles=["admin"]))
    assert 'name="submission_token"' in client.get(f"{admin_url}new").text
    first = client.post_form(f"{admin_url}new", FORM)
    again = client.post_form(f"{admin_url}new", FORM)
    assert first.status_code == 302 and again.location == first.location
    assert session.scalar(select(func.count()).select_from(Meeting)) == 1


def test_an_agenda_item_form_sent_again_adds_one_item(
    client, session, admin_url, make_user, make_meeting
) -> None:
    client.sign_in(make_user(roles=["admin"]))
    url = f"{admin_url}{make_meeting('Forum').id}/agenda"
    sent_twice(client, url, {"title-fr": "Ateliers", "duration_minutes": "60"})
    assert session.scalar(select(func.count()).select_from(AgendaItem)) == 1


def test_the_duplicate_button_clicked_twice_makes_one_copy(
    client, session, admin_url, make_user, make_meeting
) -> None:
    client.sign_in(make_user(roles=["admin"]))
    meeting = make_meeting("Forum")
    first, _again = sent_twice(client, admin_url, {}, action=f"{admin_url}{meeting.id}/duplicate")
    copy = session.scalar(select(Meeting).where(Meeting.id != meeting.id))
    assert first.location.endswith(f"{admin_url}{copy.id}/edit")
    assert session.scalar(select(func.count()).select_from(Meeting)) == 2


def test_an_edit_sent_twice_tells_the_followers_once(
    client, session, admin_url, make_user, make_meeting
) -> None:
    """Each edit counts a calendar SEQUENCE and a "Meeting changed" notification."""
    client.sign_in(make_user(roles=["admin"]))
    meeting = make_meeting("Forum")
    sequence = meeting.sequence
    form = {key: value for key, value in FORM.items() if key != "submission_token"}
    sent_twice(client, f"{admin_url}{meeting.id}/edit", form)
    session.refresh(meeting)
    assert meeting.sequence == sequence + 1
    updates = select(func.count()).where(ActionLog.action == "meetings.update")
    assert session.scalar(updates) == 1
