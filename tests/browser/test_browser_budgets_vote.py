"""A resident votes in a participatory budget without JavaScript, changes their mind on a
copy of the cast ballot, then cancels it (issue 10 item 1), axe-clean at 320 px and 1280 px.

Chromium with JavaScript disabled: every step is a plain link or form. The cast ballot
and its receipt code must keep counting while the copy is edited, also when the resident
leaves before confirming the new ballot.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from sqlalchemy import select

from pnyx.db import get_session
from pnyx.demo import DEMO_ACCOUNTS
from pnyx.models import Component, Space
from pnyx.testing.browser import assert_accessible, follow, press
from pnyx.testing.client import PnyxClient
from pnyx_budgets.models import Ballot, Budget

pytestmark = pytest.mark.browser

RESIDENT = DEMO_ACCOUNTS[1]
CODE = re.compile(r"[2-9A-Z]{4}(?:-[2-9A-Z]{4}){3}")


def open_budget(live_server: Any) -> tuple[str, int]:
    """The URL and id of a demo budget where the resident may add projects now."""
    app = live_server.app
    client = PnyxClient(app, use_cookies=True)
    client.sign_in(live_server.user(RESIDENT.email))
    with app.app_context():
        rows = get_session().execute(
            select(Budget.id, Component.id, Space.slug)
            .join(Component, Component.id == Budget.component_id)
            .join(Space, Space.id == Component.space_id)
            .where(Component.type == "budgets")
            .order_by(Budget.id)
        )
        candidates = [(f"/spaces/{slug}/budgets/{cid}/{bid}/", bid) for bid, cid, slug in rows]
    for url, budget_id in candidates:
        if "Add to my ballot" in client.get(url, headers={"Accept-Language": "en"}).text:
            return url, budget_id
    raise AssertionError("the demo has no budget open to the resident")


def cast_ballots(live_server: Any, budget_id: int) -> list[tuple[str, str | None]]:
    """The resident's ballots in the budget: ``[(status, receipt code)]``."""
    user = live_server.user(RESIDENT.email)
    with live_server.app.app_context():
        query = select(Ballot.status, Ballot.receipt_code).where(
            Ballot.budget_id == budget_id, Ballot.voter_id == user.id
        )
        return sorted((status, code) for status, code in get_session().execute(query))


def test_a_resident_votes_changes_on_a_copy_and_cancels(
    live_server, new_context, sign_in_as
) -> None:
    url, budget_id = open_budget(live_server)
    page = new_context("en", javascript=False).new_page()
    sign_in_as(page, RESIDENT)
    auditor = new_context("en", axe=True).new_page()
    sign_in_as(auditor, RESIDENT)

    page.goto(url)
    assert_accessible(page, "budget page", auditor)
    press(page, "Add to my ballot")
    page.goto(f"{url}ballot")
    follow(page, "Confirm my vote")
    assert_accessible(page, "confirmation", auditor)
    press(page, "Cast my ballot")
    assert_accessible(page, "receipt", auditor)
    first_code = CODE.search(page.inner_text("main")).group(0)
    assert cast_ballots(live_server, budget_id) == [("cast", first_code)]

    press(page, "Change my ballot")
    assert "still counts" in page.inner_text("main")
    assert_accessible(page, "ballot being changed", auditor)
    page.goto(url)
    press(page, "Add to my ballot")
    page.goto("/")  # the resident leaves: their cast ballot still counts, unchanged
    assert cast_ballots(live_server, budget_id) == [("cast", first_code), ("draft", None)]

    page.goto(f"{url}ballot")
    follow(page, "Confirm my new ballot")
    assert first_code in page.inner_text("main")  # the code that will stop being valid
    assert_accessible(page, "confirmation of the new ballot", auditor)
    press(page, "Cast my new ballot")
    second_code = CODE.search(page.inner_text("main")).group(0)
    assert second_code != first_code
    assert cast_ballots(live_server, budget_id) == [("cast", second_code)]

    follow(page, "Cancel my ballot")
    assert_accessible(page, "cancel page", auditor)
    assert cast_ballots(live_server, budget_id) == [("cast", second_code)]
    press(page, "Yes, cancel my ballot")
    assert cast_ballots(live_server, budget_id) == []
