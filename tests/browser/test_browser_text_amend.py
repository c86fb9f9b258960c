"""Amending an article of a participatory text without JavaScript (issue 20 item 4): a
resident goes from the whole text to an article, proposes a change; the text counts it; a
manager accepts it and publishes a new version, which shows the article changed; then imports
the council's revised text, checks how its articles match and publishes it as the next version
(a new article, a withdrawn one). Every page axe-clean at 1280 px and 320 px, in a second tab
with JavaScript (axe needs it)."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from pnyx.db import get_session
from pnyx.demo import DEMO_ACCOUNTS
from pnyx.models import Component, Space
from pnyx.testing.browser import assert_accessible, follow, press
from pnyx_proposals.texts.models import TextVersion

pytestmark = pytest.mark.browser

ADMIN, RESIDENT = DEMO_ACCOUNTS[0], DEMO_ACCOUNTS[1]
AMENDED = "Les bus passent toutes les cinq minutes en journée et toutes les quinze le soir."
#: The council's revision of the demo text (pnyx_proposals.texts.seed): a new article 3, the
#: article on rents left out.
REVISED = """# Titre I — Se déplacer

## Article 1 — Le vélo

Chaque rue reçoit une piste cyclable sûre et séparée des voitures.

## Article 2 — Les bus

Les bus passent toutes les cinq minutes en journée.

## Article 3 — Les trottoirs

Les trottoirs sont élargis près des écoles.
"""


def text_component(live_server: Any) -> tuple[str, str]:
    """The public and admin addresses of a demo component with a participatory text, its
    amendments turned on in every phase."""
    with live_server.app.app_context():
        session = get_session()
        component, slug = session.execute(
            select(Component, Space.slug)
            .join(Space, Space.id == Component.space_id)
            .join(TextVersion, TextVersion.component_id == Component.id)
            .where(Component.type == "proposals", Component.published.is_(True))
            .order_by(Component.id)
        ).first()
        settings = dict(component.settings)
        settings["default_step"] = {**settings.get("default_step", {}), "amendments_enabled": True}
        settings["steps"] = {
            key: {**values, "amendments_enabled": True}
            for key, values in (settings.get("steps") or {}).items()
        }
        component.settings = settings
        session.commit()
        return (
            f"/spaces/{slug}/proposals/{component.id}/",
            f"/admin/spaces/{slug}/proposals/{component.id}/",
        )


def person(new_context: Any, sign_in_as: Any, account: Any) -> tuple[Any, Any]:
    page = new_context("en", javascript=False).new_page()
    sign_in_as(page, account)
    auditor = new_context("en", axe=True).new_page()
    sign_in_as(auditor, account)
    return page, auditor


def article_count(page: Any, title: str) -> str:
    return page.locator("section.card", has_text=title).inner_text()


def test_amend_an_article_without_javascript(
    live_server: Any, new_context: Any, sign_in_as: Any
) -> None:
    url, admin_url = text_component(live_server)
    resident, resident_audit = person(new_context, sign_in_as, RESIDENT)
    resident.goto(f"{url}text/")
    assert_accessible(resident, "participatory text", resident_audit)
    assert "0 amendments" in article_count(resident, "Article 2 — Les bus")
    follow(resident, "Amend or comment “Article 2 — Les bus”")
    assert "An article of the participatory text" in resident.inner_text("main")
    assert_accessible(resident, "article's page", resident_audit)
    follow(resident, "Propose an amendment")
    resident.get_by_label("Text", exact=True).fill(AMENDED)
    press(resident, "Send the amendment")
    assert "/amendments/" in resident.url
    assert_accessible(resident, "the article's amendment", resident_audit)
    amendment_url = resident.url
    resident.goto(f"{url}text/")
    assert "1 amendment" in article_count(resident, "Article 2 — Les bus")

    admin, admin_audit = person(new_context, sign_in_as, ADMIN)
    admin.goto(amendment_url)
    press(admin, "Accept: apply these changes to the proposal")
    assert "cinq minutes" in admin.inner_text("main")
    admin.goto(f"{admin_url}text")
    assert_accessible(admin, "participatory text's admin page", admin_audit)
    admin.get_by_label("What changed (optional)").fill("Article 2: buses every five minutes.")
    press(admin, "Publish a new version")
    assert "of the text is published" in admin.inner_text("main")

    resident.goto(f"{url}text/")
    article = article_count(resident, "Article 2 — Les bus")
    assert "cinq minutes" in article and "Changed in this version" in article
    assert_accessible(resident, "the new version of the text", resident_audit)

    admin.goto(f"{admin_url}text")
    admin.get_by_label("File").set_input_files(
        {"name": "revise.md", "mimeType": "text/markdown", "buffer": REVISED.encode()}
    )
    press(admin, "Import the revised text")
    assert "Withdrawn: not in the file" in admin.inner_text("main")
    assert_accessible(admin, "a revised text before publication", admin_audit)
    press(admin, "Publish version 4")
    resident.goto(f"{url}text/")
    assert "New in this version" in article_count(resident, "Article 3 — Les trottoirs")
    assert "Article 3 — Les loyers" in resident.inner_text("main")  # among the withdrawn
    assert_accessible(resident, "the revised text", resident_audit)
