"""A title with a long unbroken word (an address, a compound, a test typed by staff) stays
inside a 320 px screen: the breadcrumb, a row of flex items, kept it on one line and the
space's page scrolled sideways."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from pnyx.db import get_session
from pnyx.models import Space
from pnyx.testing.factories import create_component, create_space

pytestmark = pytest.mark.browser

LONG = "Participation" + "citoyenne" * 12


def long_titled_space(live_server: Any) -> tuple[str, int]:
    with live_server.app.app_context():
        session = get_session()
        space = create_space(session, slug="long-words", title={"fr": LONG, "en": LONG})
        component = create_component(session, space, "proposals", name={"fr": LONG, "en": LONG})
        session.commit()
        return space.slug, component.id


def unpublish(live_server: Any, slug: str) -> None:
    """The browser server is shared: other tests list every published space's pages (the
    mobile lists test wants an item on each), and this space has none."""
    with live_server.app.app_context():
        session = get_session()
        session.scalars(select(Space).where(Space.slug == slug)).one().published = False
        session.commit()


def test_a_long_word_in_a_title_does_not_widen_the_page(live_server, new_context) -> None:
    slug, component_id = long_titled_space(live_server)
    try:
        page = new_context(locale="fr").new_page()
        page.set_viewport_size({"width": 320, "height": 800})
        for path in (f"/spaces/{slug}", f"/spaces/{slug}/proposals/{component_id}/"):
            assert page.goto(path).status == 200
            assert LONG[:20] in page.inner_text("main")
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 320, f"{path} is {width}px wide at 320px"
    finally:
        unpublish(live_server, slug)
