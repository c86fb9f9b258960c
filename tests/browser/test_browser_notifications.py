"""The notification pages (issue 19) in Chromium with axe-core, in French, English and
Corsican, and without JavaScript: the centre, the preferences (with the notice of an address
that bounced), "My activity", the public profile and its settings (with the avatar form) for a
resident; the newsletters' list, form and page for an admin; an avatar sent without
JavaScript."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from pnyx.db import get_session
from pnyx.demo import DEMO_ACCOUNTS
from pnyx.models import Newsletter, User, utcnow
from pnyx.notifications.preferences_store import preference_of
from pnyx.testing.files import png

pytestmark = pytest.mark.browser

ADMIN, RESIDENT = DEMO_ACCOUNTS[0], DEMO_ACCOUNTS[1]
LOCALES = ("fr", "en", "co")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
RUN_AXE = """async (tags) => {
    document.querySelectorAll("details").forEach((disclosure) => { disclosure.open = true; });
    const result = await axe.run(document, {
        runOnly: {type: "tag", values: tags}, resultTypes: ["violations"],
    });
    return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => v.id + ": " + v.help + " at " + v.nodes.map((n) => n.target).join("; "));
}"""


def audit(page: Any, path: str, locale: str) -> list[str]:
    response = page.goto(path)
    if response is None or response.status != 200:
        return [f"{path} [{locale}]: answered {response.status if response else None}"]
    if page.get_attribute("html", "lang") != locale:
        return [f"{path} [{locale}]: not in its language"]
    return [f"{path} [{locale}]: {problem}" for problem in page.evaluate(RUN_AXE, AXE_TAGS)]


def test_notification_pages_are_axe_clean_in_three_languages(
    new_context, sign_in_as, live_server
) -> None:
    with live_server.app.app_context():
        session = get_session()
        resident = session.scalar(select(User).where(User.email == RESIDENT.email))
        newsletter = session.scalar(select(Newsletter))
        assert resident is not None and newsletter is not None, "the demo seeds them"
        resident_id, newsletter_id = resident.id, newsletter.id
        # Audit the preferences page with its "e-mails come back" notice too.
        preference_of(session, resident).bounced_at = utcnow()
        session.commit()
    resident_paths = [
        "/notifications",
        "/account/notifications",
        "/account/activity",
        "/account/profile",
        f"/people/{resident_id}",
    ]
    admin_paths = [
        "/admin/newsletters/",
        "/admin/newsletters/new",
        f"/admin/newsletters/{newsletter_id}",
    ]
    problems: list[str] = []
    for locale in LOCALES:
        page = new_context(locale, axe=True).new_page()
        sign_in_as(page, RESIDENT)
        problems += [p for path in resident_paths for p in audit(page, path, locale)]
        page = new_context(locale, axe=True).new_page()
        sign_in_as(page, ADMIN)
        problems += [p for path in admin_paths for p in audit(page, path, locale)]
    assert not problems, "\n".join(problems)


def test_preferences_and_the_centre_work_without_javascript(new_context, sign_in_as) -> None:
    page = new_context("en", javascript=False).new_page()
    sign_in_as(page, RESIDENT)
    page.goto("/account/notifications")
    page.check("input[name=email_frequency][value=weekly]")
    with page.expect_navigation():
        page.click("form.form button[type=submit]")
    assert page.is_checked("input[name=email_frequency][value=weekly]")
    page.goto("/notifications")
    if page.locator("text=Mark all as read").count():
        with page.expect_navigation():
            page.click("text=Mark all as read")
    assert page.locator(".notifications-link .badge").count() == 0


def test_an_avatar_is_sent_without_javascript(new_context, sign_in_as, live_server) -> None:
    page = new_context("en", javascript=False).new_page()
    sign_in_as(page, RESIDENT)
    page.goto("/account/profile")
    page.set_input_files("#avatar", {"name": "me.png", "mimeType": "image/png", "buffer": png()})
    page.fill("#avatar_alt", "A smiling face")
    with page.expect_navigation():
        page.click("form.form button[type=submit]")
    assert page.locator("img.avatar[alt='A smiling face']").count() == 1
    with live_server.app.app_context():
        resident = get_session().scalar(select(User).where(User.email == RESIDENT.email))
        assert resident is not None and resident.avatar_key
        resident_id = resident.id
    page.goto(f"/people/{resident_id}")
    assert page.locator("img.avatar-large[alt='A smiling face']").count() == 1
