"""Resident journeys in a real browser (issue 10 items 7 and 8), axe-clean at 320 px and
1280 px at every step, without JavaScript:

- item 7: from a proposals list, "Create an account", sign up, follow the confirmation mail
  (read from the instance's outbox folder), confirm, sign in with the address already filled
  in, and land back on the list;
- item 8: on a phone, open the folded filters, search with an accent-free word and find the
  accented proposal.

The site has no script of its own; the browser runs one only to start axe-core.
"""

from __future__ import annotations

import email
import re
import uuid
from pathlib import Path
from typing import Any

import pytest
from tests.browser.test_browser_accessibility import AXE_RESULT, AXE_TAGS, blocking_violations

from pnyx.db import get_session
from pnyx.models import Component
from pnyx.web.components import component_url

pytestmark = pytest.mark.browser

START_AXE = """(tags) => {
    window.pnyxAxe = axe.run(document, {
        runOnly: {type: "tag", values: tags}, resultTypes: ["violations"],
    });
}"""


def axe_problems(page: Any, step: str) -> list[str]:
    """axe at 320 px and 1280 px on the page as it is (disclosures as the person left them)."""
    problems = []
    for width in (320, 1280):
        page.set_viewport_size({"width": width, "height": 800})
        page.evaluate(START_AXE, AXE_TAGS)
        problems += [
            f"{step} at {width}px: {v}" for v in blocking_violations(page.evaluate(AXE_RESULT))
        ]
    return problems


def proposals_list(app: Any) -> str:
    with app.app_context(), app.test_request_context():
        component = get_session().query(Component).filter(Component.type == "proposals").first()
        return component_url(component)


def confirmation_link(outbox: Path, address: str) -> str:
    for path in sorted(outbox.glob("*"), key=lambda p: p.stat().st_mtime, reverse=True):
        message = email.message_from_bytes(path.read_bytes())
        if message["To"] == address:
            body = message.get_payload(decode=True) or b""
            if message.is_multipart():
                body = message.get_payload(0).get_payload(decode=True)
            found = re.search(r"https?://\S+/confirm-email/\S+", body.decode())
            assert found, body
            return found.group(0)
    raise AssertionError(f"no message to {address} in {outbox}")


def test_sign_up_comes_back_to_the_list(new_context: Any, live_server: Any) -> None:
    listing = proposals_list(live_server.app)
    address = f"camille-{uuid.uuid4().hex[:8]}@example.org"
    page = new_context(locale="fr", javascript=True, axe=True).new_page()
    problems = []
    page.goto(listing)
    problems += axe_problems(page, "list")
    with page.expect_navigation():
        page.click("header >> text=Créer un compte")
    problems += axe_problems(page, "sign-up")
    page.fill("#email", address)
    page.fill("#name", "Camille Essai")
    page.fill("#password", "une phrase de passe assez longue")
    page.check("#terms")
    with page.expect_navigation():
        page.click("main button[type=submit]")
    problems += axe_problems(page, "check your mailbox")

    link = confirmation_link(Path(live_server.app.config["INSTANCE_PATH"]) / "outbox", address)
    other = new_context(locale="fr", javascript=True, axe=True).new_page()  # the mail app
    other.goto(link)
    problems += axe_problems(other, "confirm")
    with other.expect_navigation():
        other.click("main button[type=submit]")
    assert "/sign-in" in other.url
    assert other.input_value("#email") == address  # filled in
    problems += axe_problems(other, "sign-in after confirming")
    other.fill("#password", "une phrase de passe assez longue")
    with other.expect_navigation():
        other.click("main button[type=submit]")
    assert other.url.endswith(listing), other.url
    assert not problems, "\n".join(problems)


def test_on_a_phone_the_folded_filters_find_accented_words(
    new_context: Any, live_server: Any
) -> None:
    listing = proposals_list(live_server.app)
    page = new_context(locale="fr", javascript=True, axe=True).new_page()
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(listing)
    assert not page.locator("main form[role=search]").is_visible()  # folded
    page.click("main summary >> text=Rechercher, filtrer et trier")
    page.fill("main form[role=search] input[name=q]", "VELO")
    with page.expect_navigation():
        page.click("main form[role=search] button[type=submit]")
    titles = page.locator("main .cards > li h3").all_inner_texts()
    assert titles and all("vélo" in title.lower() for title in titles), titles
    assert page.locator("main details:has(form[role=search])").get_attribute("open") is not None
    problems = axe_problems(page, "filtered list")
    assert not problems, "\n".join(problems)


def test_new_pages_are_axe_clean(new_context: Any) -> None:
    """The site-wide search (with results), the terms of use page, the home page's blocks
    (welcome banner, spaces by state, meetings, proposals), the spaces listing (open and
    past, filters unfolded on a phone) and a group of spaces, at 320 and 1280 px."""
    page = new_context(locale="fr", axe=True).new_page()
    problems = []
    spaces = ("/", "/spaces", "/spaces?state=past", "/space-groups/budget-participatif")
    for path in ("/search?q=velo", "/terms", "/search", *spaces):
        page.goto(path)
        problems += axe_problems(page, path)
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto("/spaces")
    page.click("main summary >> text=Filtrer les espaces")
    problems += axe_problems(page, "/spaces, filters unfolded")
    assert not problems, "\n".join(problems)
