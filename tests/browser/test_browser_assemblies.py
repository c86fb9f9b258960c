"""Assemblies and organizations (issue 17): a resident goes from the directory of assemblies
to a sub-assembly (a working group of the Environment assembly), finds the meeting it hosts,
then writes a proposal there on behalf of her association and comments on it on the association's
behalf; the proposal and the comment show the association as their author. Every page axe-clean
at 1280 px and 320 px."""

from __future__ import annotations

from typing import Any

import pytest

from pnyx.demo import DEMO_ACCOUNTS
from pnyx.testing.browser import assert_accessible, follow

pytestmark = pytest.mark.browser

RESIDENT = DEMO_ACCOUNTS[1]
ASSOCIATION = "Amis des berges du Rhône"
TITLE = "Des bancs à l'ombre le long des berges"


def test_a_sub_assembly_hosts_a_meeting_and_an_association_proposes(
    live_server: Any, new_context: Any, sign_in_as: Any
) -> None:
    page = new_context("en", javascript=False).new_page()
    sign_in_as(page, RESIDENT)
    auditor = new_context("en", axe=True).new_page()
    sign_in_as(auditor, RESIDENT)

    page.goto(f"{live_server.url}/assemblies/")
    assert_accessible(page, "directory of assemblies", auditor)
    follow(page, "Environment assembly")
    assert "Rhône riverbanks working group" in page.content()
    assert_accessible(page, "thematic assembly", auditor)
    follow(page, "Rhône riverbanks working group")
    text = page.content()
    assert "Working group" in text and "only its members take part" in text
    assert 'href="/spaces/assemblee-environnement"' in text  # breadcrumb to the parent
    assert_accessible(page, "sub-assembly", auditor)
    space_url = page.url

    follow(page, "Meetings")
    assert "/meetings/" in page.url
    assert_accessible(page, "meetings of the sub-assembly", auditor)

    page.goto(space_url)
    follow(page, "Proposals")
    follow(page, "Write a proposal")
    page.get_by_label("On behalf of").select_option(label=ASSOCIATION)
    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("Your proposal").fill(
        "Des bancs sous les arbres tous les cent mètres, pour que chacun puisse se reposer."
    )
    assert_accessible(page, "proposal form with 'on behalf of'", auditor)
    with page.expect_navigation():
        page.get_by_role("button", name="Publish").click()
    assert TITLE in page.content()
    author = page.locator("dt:has-text('Author') + dd")
    assert author.inner_text().strip() == ASSOCIATION
    assert_accessible(page, "proposal by an association", auditor)

    # She comments on it on behalf of her association too (issue 17: comments on behalf).
    page.locator("#comments-body").fill("Nous pouvons aider à choisir les emplacements.")
    page.locator("#comments-group").select_option(label=ASSOCIATION)
    with page.expect_navigation():
        page.get_by_role("button", name="Publish my comment").click()
    first = page.locator("#comments .comment-meta strong").first
    assert first.inner_text().strip() == ASSOCIATION
    assert_accessible(page, "comment by an association", auditor)

    follow(page, ASSOCIATION)
    assert "Verified by the organization's staff" in page.content()
    assert_accessible(page, "the association's profile", auditor)
