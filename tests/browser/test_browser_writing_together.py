"""Writing together (issue 20 items 3 and 4) in a real browser.

A resident starts a collaborative draft and saves it without JavaScript (plain forms); two
tabs saving the same version get the conflict page, the second person's text kept. The
participatory text's reading page (current and earlier version, with its word diff), the
draft's pages and the conflict page are axe-clean at 320 px and 1280 px, without sideways
scrolling. Chromium with JavaScript disabled writes; axe needs JavaScript, so the audited
pass runs the same forms in a second context with axe injected.
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from pnyx.db import get_session
from pnyx.demo import DEMO_ACCOUNTS
from pnyx.models import Component, Space
from pnyx.testing.browser import assert_accessible, press
from pnyx_proposals.texts.models import TextVersion

pytestmark = pytest.mark.browser

ADMIN, RESIDENT = DEMO_ACCOUNTS[0], DEMO_ACCOUNTS[1]
BODY = "A covered place near the gym where teenagers can meet in the evening, with lights."


def component_url(live_server: Any) -> str:
    """The first demo proposals component that holds a participatory text."""
    with live_server.app.app_context():
        slug, component_id = (
            get_session()
            .execute(
                select(Space.slug, Component.id)
                .join(Component, Component.space_id == Space.id)
                .join(TextVersion, TextVersion.component_id == Component.id)
                .where(Component.type == "proposals")
                .order_by(Component.id)
            )
            .first()
        )
    return f"/spaces/{slug}/proposals/{component_id}/"


def start_and_conflict(context: Any, url: str, sign_in_as: Any) -> tuple[Any, Any]:
    """Start a draft, open its form in two tabs, save in the first, then in the second."""
    first = context.new_page()
    sign_in_as(first, RESIDENT)
    first.goto(f"{url}drafts/new")
    first.get_by_label("Title").fill("A shelter for teenagers")
    first.get_by_label("Text of the draft").fill(BODY)
    press(first, "Open the draft")
    assert "Your collaborative draft is open" in first.inner_text("main")
    edit_url = first.url + "edit"
    second = context.new_page()
    second.goto(edit_url)
    first.goto(edit_url)
    first.get_by_label("Text of the draft").fill(BODY + " And a notice board.")
    press(first, "Save this version")
    assert "Version 2 is saved." in first.inner_text("main")
    second.get_by_label("Text of the draft").fill(BODY + " And sockets to charge phones.")
    press(second, "Save this version")
    return first, second


def test_co_writing_without_javascript_keeps_the_losers_text(
    live_server, new_context, sign_in_as
) -> None:
    url = component_url(live_server)
    _first, second = start_and_conflict(new_context("en", javascript=False), url, sign_in_as)
    main = second.inner_text("main")
    assert "while you were editing. Your text is not lost" in main
    assert "sockets to charge phones" in second.get_by_label("Text of the draft").input_value()
    press(second, "Save this version")  # knowingly, over version 2
    assert "Version 3 is saved." in second.inner_text("main")


def test_writing_together_pages_are_axe_clean(live_server, new_context, sign_in_as) -> None:
    url = component_url(live_server)
    reader = new_context("en", axe=True).new_page()
    reader.goto(f"{url}text/")
    assert "Changed in this version" in reader.inner_text("main")
    reader.locator("article details summary").first.click()
    assert_accessible(reader, "participatory text, current version, a change opened")
    reader.goto(f"{url}text/versions/1")
    assert_accessible(reader, "participatory text, earlier version")

    first, second = start_and_conflict(new_context("en", axe=True), url, sign_in_as)
    assert_accessible(second, "conflict page")
    assert_accessible(first, "draft page")
    first.goto(first.url + "history")
    assert_accessible(first, "draft history")
    first.get_by_role("link", name="Compare version 2 with the one before").click()
    first.wait_for_load_state()
    assert first.locator("ins").count() >= 1
    assert_accessible(first, "two versions compared")

    admin = new_context("en", axe=True).new_page()
    sign_in_as(admin, ADMIN)
    admin.goto(url)
    admin.get_by_role("link", name="Participatory text", exact=True).click()
    admin.wait_for_load_state()
    assert "Appel" in admin.inner_text("h1")
