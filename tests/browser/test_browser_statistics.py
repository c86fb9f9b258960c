"""The statistics pages (issue 21): the organization's and a space's, as a visitor and as
staff (age groups), axe-clean at 320 px and 1280 px, with the charts' data tables opened;
no sideways scrolling; the charts are drawn without JavaScript."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from pnyx.db import get_session
from pnyx.demo import DEMO_ACCOUNTS
from pnyx.models import Space
from pnyx.testing.browser import accessibility_problems

pytestmark = pytest.mark.browser

ADMIN = DEMO_ACCOUNTS[0]


def audited(page: Any, label: str) -> list[str]:
    """The page with every disclosure (the figures' tables) opened, at each width."""
    page.evaluate("document.querySelectorAll('details').forEach((d) => { d.open = true; })")
    return accessibility_problems(page, label)


def test_statistics_pages_are_accessible(live_server, new_context, sign_in_as) -> None:
    with live_server.app.app_context():
        query = select(Space.slug).where(Space.published.is_(True), Space.private.is_(False))
        slug = get_session().scalars(query.order_by(Space.id)).first()
    paths = ["/statistics", f"/spaces/{slug}/statistics"]
    problems = []
    visitor = new_context("fr", axe=True).new_page()
    for path in paths:
        visitor.goto(path)
        assert visitor.locator("h1").count() == 1
        problems += audited(visitor, f"visitor {path}")
    staff = new_context("en", axe=True).new_page()
    sign_in_as(staff, ADMIN)
    for path in paths:
        staff.goto(path)
        assert staff.get_by_role("heading", name="For staff").count() == 1
        problems += audited(staff, f"staff {path}")
    assert not problems, "\n".join(problems)
    plain = new_context("en", javascript=False).new_page()
    plain.goto("/statistics")
    assert plain.locator("svg[role=img]").count() >= 1, "the demo has dated figures to draw"
