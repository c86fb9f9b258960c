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
from pnyx_mutual_aid.models import AidPost

pytestmark = pytest.mark.browser

NEIGHBOUR, RESIDENT = DEMO_ACCOUNTS[0], DEMO_ACCOUNTS[1]
WIDTHS = (1280, 320)
AXE = """async () => {
    const result = await axe.run(document, {
        runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
        resultTypes: ["violations"],
    });
    return result.violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(", ")).join("; ")}`);
}"""
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


def audited(page: Any, auditor: Any, label: str) -> None:
    """axe needs JavaScript: a second tab of the same person, with it, opens the same page."""
    auditor.goto(page.url)
    problems = []
    for width in WIDTHS:
        auditor.set_viewport_size({"width": width, "height": 800})
        problems += [f"{label} at {width}px: {found}" for found in auditor.evaluate(AXE)]
    if auditor.evaluate("document.documentElement.scrollWidth") > WIDTHS[-1]:
        problems.append(f"{label}: scrolls sideways at 320px")
    auditor.set_viewport_size({"width": 1280, "height": 800})
    assert not problems, "\n".join(problems)


def submit(page: Any, button: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=button).first.click()


def follow(page: Any, link: str) -> None:
    with page.expect_navigation():
        page.get_by_role("link", name=link).first.click()


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
    audited(resident, resident_audit, "board")
    follow(resident, "I need help")
    audited(resident, resident_audit, "post form")
    submit(resident, "Publish")  # empty: the errors are shown
    assert "/posts/new" in resident.url
    resident.get_by_label("Kind of help").select_option(label="Shopping")
    resident.get_by_label(
        "Where (your neighbourhood or commune, never your address)"
    ).select_option(index=1)
    resident.get_by_label("In a few words").fill(TITLE)
    resident.get_by_label("Details").fill("I cannot go out: who could do my shopping?")
    submit(resident, "Publish")
    assert TITLE in resident.inner_text("h1")
    audited(resident, resident_audit, "post page (author)")
    post_url = resident.url

    neighbour, neighbour_audit = person(new_context, sign_in_as, NEIGHBOUR)
    neighbour.goto(post_url)
    follow(neighbour, "I can help")
    assert "staying safe" in neighbour.inner_text("main")
    audited(neighbour, neighbour_audit, "contact form with the safety guidance")
    neighbour.get_by_label("Your message").fill("Hello! Call me on 06 12 34 56 78.")
    submit(neighbour, "Send")
    assert "phone number" in neighbour.inner_text("main")  # the warning comes first
    audited(neighbour, neighbour_audit, "contact-details warning")
    neighbour.get_by_label("Your message").fill("Hello! I can go on Thursday at 10.")
    submit(neighbour, "Send")
    assert "/conversations/" in neighbour.url
    audited(neighbour, neighbour_audit, "conversation (helper)")
    conversation_url = neighbour.url

    resident.goto(url + "conversations")
    follow(resident, TITLE)
    assert resident.url == conversation_url
    assert "Thursday at 10" in resident.inner_text("main")
    resident.get_by_label("Your message").fill("Wonderful, thank you!")
    submit(resident, "Send")
    audited(resident, resident_audit, "conversation (author)")
    submit(resident, "Help was found with this person")
    assert "Help found" in resident.inner_text("main")
    with live_server.app.app_context():
        post = get_session().scalar(select(AidPost).where(AidPost.title == TITLE))
        assert post is not None and post.status == "matched"
    neighbour.goto(conversation_url)
    assert "Wonderful, thank you!" in neighbour.inner_text("main")
