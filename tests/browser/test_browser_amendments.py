"""Amending a proposal without JavaScript (issue 20): a resident proposes a change (with a
preview of the word diff), the author reads the diff and accepts it; every page axe-clean at
1280 px and 320 px, and the amendment's pages in French, English and Corsican."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from pnyx import api
from pnyx.db import get_session
from pnyx.demo import DEMO_ACCOUNTS
from pnyx.models import Component, Space, User
from pnyx.testing.browser import assert_accessible, press
from pnyx_proposals.amendments.models import Amendment
from pnyx_proposals.markdown import plain_text
from pnyx_proposals.models import Proposal

pytestmark = pytest.mark.browser

AUTHOR, RESIDENT = DEMO_ACCOUNTS[0], DEMO_ACCOUNTS[1]
TITLE = "Shade trees in the school yard"
BODY = "Plant six lime trees along the school yard wall, watered by the caretaker."
AMENDED = "Plant six fruit trees along the school yard wall, watered by the pupils."


def proposal_url(live_server: Any) -> str:
    """A new proposal by the demo admin, in a proposals component with amendments on."""
    with live_server.app.app_context():
        session = get_session()
        component, slug = session.execute(
            select(Component, Space.slug)
            .join(Space, Space.id == Component.space_id)
            .where(Component.type == "proposals", Component.published.is_(True))
            .order_by(Component.id)
        ).first()
        settings = dict(component.settings)
        settings["default_step"] = {**settings.get("default_step", {}), "amendments_enabled": True}
        settings["steps"] = {
            key: {**values, "amendments_enabled": True, "supports_enabled": True}
            for key, values in (settings.get("steps") or {}).items()
        }
        component.settings = settings
        author = session.scalar(select(User).where(User.email == AUTHOR.email))
        proposal = Proposal(
            component_id=component.id,
            author_id=author.id,
            title=TITLE,
            body=BODY,
            summary=plain_text(BODY),
            published_at=api.utcnow(),
        )
        session.add(proposal)
        session.commit()
        return f"/spaces/{slug}/proposals/{component.id}/{proposal.id}/"


def person(new_context: Any, sign_in_as: Any, account: Any, locale: str = "en") -> tuple[Any, Any]:
    page = new_context(locale, javascript=False).new_page()
    sign_in_as(page, account)
    auditor = new_context(locale, axe=True).new_page()
    sign_in_as(auditor, account)
    return page, auditor


def test_amend_preview_and_accept_without_javascript(
    live_server: Any, new_context: Any, sign_in_as: Any
) -> None:
    url = proposal_url(live_server)
    resident, resident_audit = person(new_context, sign_in_as, RESIDENT)
    resident.goto(url)
    with resident.expect_navigation():
        resident.get_by_role("link", name="Propose an amendment").click()
    assert_accessible(resident, "amendment form", resident_audit)
    resident.get_by_label("Text", exact=True).fill("")
    press(resident, "Send the amendment")  # empty: the error is shown, nothing sent
    assert "Please correct the fields marked below." in resident.inner_text("main")
    assert_accessible(resident, "amendment form with an error", resident_audit)
    resident.get_by_label("Text", exact=True).fill(AMENDED)
    press(resident, "Preview the changes")
    main = resident.inner_text("main")
    assert "Preview of your changes" in main and "2 words added, 2 words removed" in main
    assert resident.locator("ins .visually-hidden").count() >= 2
    assert_accessible(resident, "amendment preview", resident_audit)
    press(resident, "Send the amendment")
    assert "/amendments/" in resident.url
    assert_accessible(resident, "amendment page (its author)", resident_audit)
    amendment_url = resident.url

    author, author_audit = person(new_context, sign_in_as, AUTHOR)
    author.goto(amendment_url)
    assert author.locator("del").count() >= 2 and author.locator("ins").count() >= 2
    assert_accessible(author, "amendment page (the proposal's author)", author_audit)
    press(author, "Reject the amendment")  # no reason: refused, said next to the field
    assert "why you reject" in author.inner_text("main")
    assert_accessible(author, "rejection without a reason", author_audit)
    press(author, "Accept: apply these changes to the proposal")
    assert author.url.endswith(url)
    assert "fruit trees" in author.inner_text("main")
    with live_server.app.app_context():
        amendment = get_session().scalar(select(Amendment).order_by(Amendment.id.desc()))
        assert amendment is not None and amendment.state == "accepted"

    for locale, heading in (("fr", "Amendement à"), ("co", "Emendamentu à")):
        page, audit = person(new_context, sign_in_as, RESIDENT, locale)
        page.goto(amendment_url)
        assert heading in page.inner_text("h1")
        assert_accessible(page, f"amendment page in {locale}", audit)
