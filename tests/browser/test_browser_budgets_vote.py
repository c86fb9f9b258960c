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
from pnyx.testing.client import PnyxClient
from pnyx_budgets.models import Ballot, Budget

pytestmark = pytest.mark.browser

RESIDENT = DEMO_ACCOUNTS[1]
CODE = re.compile(r"[2-9A-Z]{4}(?:-[2-9A-Z]{4}){3}")
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


def audited(page: Any, auditor: Any, label: str) -> None:
    """No serious or critical axe violation at 1280 px and 320 px, no sideways scrolling.

    axe needs JavaScript: ``auditor``, a second tab of the same person with JavaScript on,
    opens the page the voter (without JavaScript) is on; these pages are plain GETs.
    """
    auditor.goto(page.url)
    page, problems = auditor, []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        problems += [f"{label} at {width}px: {found}" for found in page.evaluate(AXE)]
    if page.evaluate("document.documentElement.scrollWidth") > WIDTHS[-1]:
        problems.append(f"{label}: scrolls sideways at 320px")
    page.set_viewport_size({"width": 1280, "height": 800})
    assert not problems, "\n".join(problems)


def submit(page: Any, button: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=button).first.click()


def follow(page: Any, link: str) -> None:
    with page.expect_navigation():
        page.get_by_role("link", name=link).first.click()


def test_a_resident_votes_changes_on_a_copy_and_cancels(
    live_server, new_context, sign_in_as
) -> None:
    url, budget_id = open_budget(live_server)
    page = new_context("en", javascript=False).new_page()
    sign_in_as(page, RESIDENT)
    auditor = new_context("en", axe=True).new_page()
    sign_in_as(auditor, RESIDENT)

    page.goto(url)
    audited(page, auditor, "budget page")
    submit(page, "Add to my ballot")
    page.goto(f"{url}ballot")
    follow(page, "Confirm my vote")
    audited(page, auditor, "confirmation")
    submit(page, "Cast my ballot")
    audited(page, auditor, "receipt")
    first_code = CODE.search(page.inner_text("main")).group(0)
    assert cast_ballots(live_server, budget_id) == [("cast", first_code)]

    submit(page, "Change my ballot")
    assert "still counts" in page.inner_text("main")
    audited(page, auditor, "ballot being changed")
    page.goto(url)
    submit(page, "Add to my ballot")
    page.goto("/")  # the resident leaves: their cast ballot still counts, unchanged
    assert cast_ballots(live_server, budget_id) == [("cast", first_code), ("draft", None)]

    page.goto(f"{url}ballot")
    follow(page, "Confirm my new ballot")
    assert first_code in page.inner_text("main")  # the code that will stop being valid
    audited(page, auditor, "confirmation of the new ballot")
    submit(page, "Cast my new ballot")
    second_code = CODE.search(page.inner_text("main")).group(0)
    assert second_code != first_code
    assert cast_ballots(live_server, budget_id) == [("cast", second_code)]

    follow(page, "Cancel my ballot")
    audited(page, auditor, "cancel page")
    assert cast_ballots(live_server, budget_id) == [("cast", second_code)]
    submit(page, "Yes, cancel my ballot")
    assert cast_ballots(live_server, budget_id) == []
