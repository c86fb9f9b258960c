"""A table on a phone breaks no word in two: at 360 px a resident's ballot read "Modif|ier",
"Retire|r" and "95 000,|00 €" (table cells wrapped "anywhere", so columns shrank below
their words). A table wider than the screen scrolls inside its box instead."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from pnyx.db import get_session
from pnyx.demo import DEMO_ACCOUNTS
from pnyx.models import Component, Space
from pnyx.testing.browser import press
from pnyx.testing.client import PnyxClient
from pnyx_budgets.models import Budget

pytestmark = pytest.mark.browser

RESIDENT = DEMO_ACCOUNTS[1]

#: Words (runs of non-space characters) of the main table whose letters sit on two lines.
SPLIT_WORDS = """() => {
    const split = [];
    const walker = document.createTreeWalker(
        document.querySelector("main table"), NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const node = walker.currentNode;
        for (const word of node.data.matchAll(/\\S+/g)) {
            const range = document.createRange();
            range.setStart(node, word.index);
            range.setEnd(node, word.index + word[0].length);
            const lines = new Set([...range.getClientRects()]
                .filter((box) => box.width > 0).map((box) => Math.round(box.top)));
            if (lines.size > 1) split.push(word[0]);
        }
    }
    return split;
}"""


def open_budget_url(live_server: Any) -> str:
    """A demo budget where the resident may add projects now."""
    client = PnyxClient(live_server.app, use_cookies=True)
    client.sign_in(live_server.user(RESIDENT.email))
    with live_server.app.app_context():
        rows = get_session().execute(
            select(Budget.id, Component.id, Space.slug)
            .join(Component, Component.id == Budget.component_id)
            .join(Space, Space.id == Component.space_id)
            .where(Component.type == "budgets")
            .order_by(Budget.id)
        )
        urls = [f"/spaces/{slug}/budgets/{cid}/{bid}/" for bid, cid, slug in rows]
    for url in urls:
        if "Add to my ballot" in client.get(url, headers={"Accept-Language": "en"}).text:
            return url
    raise AssertionError("the demo has no budget open to the resident")


@pytest.mark.parametrize("width", [360, 320])
def test_the_ballot_on_a_phone_breaks_no_word(live_server, new_context, sign_in_as, width):
    url = open_budget_url(live_server)
    page = new_context("fr").new_page()
    sign_in_as(page, RESIDENT)
    page.goto(url)
    press(page, "Ajouter à mon bulletin")
    try:
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(f"{url}ballot")
        assert page.evaluate(SPLIT_WORDS) == []
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    finally:
        page.goto(f"{url}ballot")
        press(page, "Retirer")  # the shared demo's ballot is left as it was
