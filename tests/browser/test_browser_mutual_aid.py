"""Mutual aid without JavaScript (issue 16): a resident asks for help, a neighbour answers
("I can help", after the safety guidance), the resident replies and marks the request matched;
every page axe-clean at 1280 px and 320 px, no sideways scrolling."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from pnyx.db import get_session
from pnyx.demo import DEMO_ACCOUNTS
from pnyx.models import Component, Space
from pnyx.testing.browser import assert_accessible, follow, press
from pnyx_mutual_aid.models import AidPost

pytestmark = pytest.mark.browser

NEIGHBOUR, RESIDENT = DEMO_ACCOUNTS[0], DEMO_ACCOUNTS[1]
TITLE = "Shopping on Thursday mornings"


def board_url(live_server: Any) -> str:
    with live_server.app.app_context():
        row = (
            get_session()
            .execute(
                select(Component.id, Space.slug)
                .join(Space, Space.id == Component.space_id)
                .where(Component.type == "mutual_aid")
            )
            .first()
        )
    assert row is not None, "the demo has a mutual-aid board"
    return f"/spaces/{row[1]}/mutual_aid/{row[0]}/"


def person(new_context: Any, sign_in_as: Any, account: Any) -> tuple[Any, Any]:
    """A tab without JavaScript for the person, and one with axe for the audits."""
    page = new_context("en", javascript=False).new_page()
    sign_in_as(page, account)
    auditor = new_context("en", axe=True).new_page()
    sign_in_as(auditor, account)
    return page, auditor


def test_post_contact_reply_and_mark_matched_without_javascript(
    live_server, new_context, sign_in_as
) -> None:
    url = board_url(live_server)
    resident, resident_audit = person(new_context, sign_in_as, RESIDENT)
    resident.goto(url)
    assert_accessible(resident, "board", resident_audit)
    follow(resident, "I need help")
    assert_accessible(resident, "post form", resident_audit)
    press(resident, "Publish")  # empty: the errors are shown
    assert "/posts/new" in resident.url
    resident.get_by_label("Kind of help").select_option(label="Shopping")
    resident.get_by_label(
        "Where (your neighbourhood or commune, never your address)"
    ).select_option(index=1)
    resident.get_by_label("In a few words").fill(TITLE)
    resident.get_by_label("Details").fill("I cannot go out: who could do my shopping?")
    press(resident, "Publish")
    assert TITLE in resident.inner_text("h1")
    assert_accessible(resident, "post page (author)", resident_audit)
    post_url = resident.url

    neighbour, neighbour_audit = person(new_context, sign_in_as, NEIGHBOUR)
    neighbour.goto(post_url)
    follow(neighbour, "I can help")
    assert "staying safe" in neighbour.inner_text("main")
    assert_accessible(neighbour, "contact form with the safety guidance", neighbour_audit)
    neighbour.get_by_label("Your message").fill("Hello! Call me on 06 12 34 56 78.")
    press(neighbour, "Send")
    assert "phone number" in neighbour.inner_text("main")  # the warning comes first
    assert_accessible(neighbour, "contact-details warning", neighbour_audit)
    neighbour.get_by_label("Your message").fill("Hello! I can go on Thursday at 10.")
    press(neighbour, "Send")
    assert "/conversations/" in neighbour.url
    assert_accessible(neighbour, "conversation (helper)", neighbour_audit)
    conversation_url = neighbour.url

    resident.goto(url + "conversations")
    follow(resident, TITLE)
    assert resident.url == conversation_url
    assert "Thursday at 10" in resident.inner_text("main")
    resident.get_by_label("Your message").fill("Wonderful, thank you!")
    press(resident, "Send")
    assert_accessible(resident, "conversation (author)", resident_audit)
    press(resident, "Help was found with this person")
    assert "Help found" in resident.inner_text("main")
    with live_server.app.app_context():
        post = get_session().scalar(select(AidPost).where(AidPost.title == TITLE))
        assert post is not None and post.status == "matched"
    neighbour.goto(conversation_url)
    assert "Wonderful, thank you!" in neighbour.inner_text("main")
