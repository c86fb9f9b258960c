"""A resident comments on a debate and answers a comment without JavaScript (plain forms,
back to the comment's anchor); the thread is axe-clean at 320 px and 1280 px, the reply form
opened and an edit page included (issue 14).

Chromium with JavaScript disabled writes. axe needs JavaScript: a second browser, the demo
admin's, reads the same pages and is audited at each state.
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from pnyx.db import get_session
from pnyx.demo import DEMO_ACCOUNTS
from pnyx.models import Component, Space
from pnyx.testing.browser import assert_accessible, press

pytestmark = pytest.mark.browser

ADMIN, RESIDENT = DEMO_ACCOUNTS[0], DEMO_ACCOUNTS[1]


def debate_url(live_server: Any) -> str:
    """The demo's open debate (its first one)."""
    with live_server.app.app_context():
        slug, component_id = (
            get_session()
            .execute(
                select(Space.slug, Component.id)
                .join(Component, Component.space_id == Space.id)
                .where(Component.type == "comments_debates")
                .order_by(Component.id)
            )
            .first()
        )
    return f"/spaces/{slug}/comments_debates/{component_id}/1"


def test_a_resident_comments_and_replies_without_javascript(
    live_server, new_context, sign_in_as
) -> None:
    url = debate_url(live_server)

    page = new_context("en", javascript=False).new_page()
    sign_in_as(page, RESIDENT)
    page.goto(url)
    page.get_by_label("Your comment").fill("A trial on Saturdays first, see https://example.org")
    page.get_by_label("In favour").first.check()
    press(page, "Publish my comment")
    assert "#comment-" in page.url
    assert "Your comment is published." in page.inner_text("body")
    mine = page.locator("li.comment", has_text="A trial on Saturdays first")
    assert mine.locator("a[href='https://example.org']").count() == 1  # the link became a link

    first = page.locator("li.comment").filter(has_text="Oui").first
    first.locator("summary").first.click()  # <details> opens without JavaScript
    first.get_by_label("Your reply").first.fill("Agreed, with buses on the ring road.")
    with page.expect_navigation():
        first.get_by_role("button", name="Publish my reply").first.click()
    assert "#comment-" in page.url
    assert "Agreed, with buses on the ring road." in page.inner_text("main")

    auditor = new_context("en", axe=True).new_page()
    sign_in_as(auditor, ADMIN)
    auditor.goto(url)
    assert_accessible(auditor, "debate with its thread")
    auditor.locator("details.comment-reply summary").first.click()
    assert_accessible(auditor, "reply form opened")
    auditor.goto(f"{url}?comments_order=best")
    assert_accessible(auditor, "best rated first")
