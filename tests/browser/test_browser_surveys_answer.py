"""A resident answers the demo's parking consultation without JavaScript: the question about
the price of parking shows only once they say they come by car (a condition evaluated on the
server, page by page); axe-clean at 320 px and 1280 px, error state included (issue 15).

Chromium with JavaScript disabled answers. axe needs JavaScript: a second browser, the demo
admin's with JavaScript on, walks the same pages (their own answers) and is audited at each
state — the second page is the answer to a POST, so it cannot simply be opened again.
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from pnyx.db import get_session
from pnyx.demo import DEMO_ACCOUNTS
from pnyx.models import Component, Space
from pnyx.testing.browser import assert_accessible, follow, press

pytestmark = pytest.mark.browser

ADMIN, RESIDENT = DEMO_ACCOUNTS[0], DEMO_ACCOUNTS[1]
PRICE = "How much would you pay for an hour of parking?"


def survey_url(live_server: Any) -> str:
    with live_server.app.app_context():
        slug, component_id = (
            get_session()
            .execute(
                select(Space.slug, Component.id)
                .join(Component, Component.space_id == Space.id)
                .where(Component.type == "surveys")
                .order_by(Component.id)
            )
            .first()
        )
    return f"/spaces/{slug}/surveys/{component_id}/"


def test_a_resident_answers_a_conditional_survey_without_javascript(
    live_server, new_context, sign_in_as
) -> None:
    url = survey_url(live_server)

    auditor = new_context("en", axe=True).new_page()
    sign_in_as(auditor, ADMIN)
    auditor.goto(url)
    assert_accessible(auditor, "survey page")
    follow(auditor, "Answer the survey")
    assert_accessible(auditor, "first page")
    press(auditor, "Next page")
    assert "This question needs an answer." in auditor.inner_text("main")
    assert_accessible(auditor, "first page with an error")
    auditor.get_by_label("By car").check()
    press(auditor, "Next page")
    assert_accessible(auditor, "second page")
    auditor.goto(f"{url}results")
    assert_accessible(auditor, "results")

    page = new_context("en", javascript=False).new_page()
    sign_in_as(page, RESIDENT)
    page.goto(url)
    follow(page, "Answer the survey")
    page.get_by_label("By bike").check()
    press(page, "Next page")
    assert PRICE not in page.inner_text("main")  # a cyclist is not asked

    press(page, "Previous page")
    assert page.get_by_label("By bike").is_checked()  # the answers came back with the page
    page.get_by_label("By car").check()
    press(page, "Next page")
    assert PRICE in page.inner_text("main")  # now they drive: asked
    page.get_by_label("€1 to €2").check()
    page.get_by_label("An idea, a remark?").fill("A park-and-ride by the tram, please.")
    press(page, "Send my answers")

    text = page.inner_text("main")
    assert "Thank you: your answers are saved." in page.inner_text("body")
    assert "Your answers" in text and "By car" in text and "€1 to €2" in text
    assert "A park-and-ride by the tram, please." in text
