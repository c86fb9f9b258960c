"""Mobile: on a 360×740 screen the first item of every list page starts within the first
screen (issue 10 item 8): filters fold into a <details> disclosure, the phase box is compact.
The list pages are every component's public index page in the demo, plus the meetings
directory; each must show at least one item, so the test cannot pass on empty pages."""

from __future__ import annotations

from typing import Any

import pytest

from pnyx.db import get_session
from pnyx.models import Component
from pnyx.web.components import component_url

pytestmark = pytest.mark.browser

SCREEN = {"width": 360, "height": 740}
#: The first item of a list: a card, a table row, a message.
FIRST_ITEM = "main .cards > li, main table tbody tr, main ol.messages > li"
#: Component types whose public page is one document, not a list: a survey's introduction.
NOT_LISTS = {"surveys"}


def list_pages(app: Any) -> list[str]:
    with app.test_request_context():
        components = get_session().query(Component).filter(Component.published.is_(True))
        # What residents reach: published components of published spaces.
        urls = [
            component_url(c) for c in components if c.space.published and c.type not in NOT_LISTS
        ]
    return [*sorted({url for url in urls if url}), "/meetings/"]


def test_the_first_item_of_every_list_starts_on_the_first_screen(
    new_context: Any, live_server: Any
) -> None:
    context = new_context(locale="fr")
    page = context.new_page()
    page.set_viewport_size(SCREEN)
    pages = list_pages(live_server.app)
    assert len(pages) >= 4, pages
    too_low = []
    for url in pages:
        page.goto(url)
        first = page.locator(FIRST_ITEM).first
        assert first.count(), f"{url}: no list item found"
        top = first.bounding_box()["y"]
        if top >= SCREEN["height"]:
            too_low.append(f"{url}: first item at {top:.0f} px")
        filters = page.locator("main form[role=search]")
        if filters.count():
            # On a phone the filters are folded, yet reachable: one tap opens them.
            assert page.locator("main details:has(form[role=search])").count(), url
    assert too_low == []


def test_filters_stay_open_on_a_desktop_screen(new_context: Any, live_server: Any) -> None:
    page = new_context(locale="fr").new_page()
    page.set_viewport_size({"width": 1280, "height": 800})
    for url in list_pages(live_server.app):
        page.goto(url)
        filters = page.locator("main form[role=search]")
        if filters.count():
            assert filters.first.is_visible(), url
