"""The demo tells a coherent story (issue 10 item 13): its cross-plugin links exist as soon
as it is seeded (``pnyx demo`` serves from inside the seeding context), proposals read
differently, a département is not offered as a commune, the terms of use are a page staff
edit, and the tutorial's board is not in the residents' spaces."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from pnyx.demo import DEMO_SPACE, PRACTICE_SPACE, seed_demo
from pnyx.models import Component, ResourceLink, Space
from pnyx.written_language import texts_without_language
from pnyx_budgets.models import Budget
from pnyx_proposals.models import Proposal

pytestmark = pytest.mark.pnyx_plugins("proposals", "meetings", "budgets", "hello")


@pytest.fixture
def demo(session):
    seed_demo(session)
    return session.scalar(select(Space).where(Space.slug == DEMO_SPACE))


def links_named(session, prefix: str) -> int:
    query = select(func.count()).where(ResourceLink.name.like(f"{prefix}%"))
    return session.scalar(query.select_from(ResourceLink))


def test_links_exist_while_the_seeding_context_is_still_open(session, demo) -> None:
    assert links_named(session, "meetings.") > 0  # minutes -> proposals that came out of them
    assert links_named(session, "budgets.") + links_named(session, "proposals.") > 0


def test_demo_proposals_read_differently(session, demo) -> None:
    bodies = session.scalars(select(Proposal.body).where(Proposal.published_at.is_not(None)))
    bodies = list(bodies)
    assert len(bodies) > 10 and len(set(bodies)) == len(bodies)


def test_a_departement_is_not_offered_as_a_commune(client, session, demo) -> None:
    budget = session.scalar(select(Budget).order_by(Budget.id))
    component = session.get(Component, budget.component_id)
    url = f"/spaces/{component.space.slug}/budgets/{component.id}/{budget.id}/"
    page = client.get(url).text
    communes = page[
        page.index('id="filter-territory"') : page.index(
            "</select>", page.index('id="filter-territory"')
        )
    ]
    assert "Tours" in communes and "Indre-et-Loire" not in communes


def test_the_terms_checkbox_links_to_terms_staff_wrote(client, demo) -> None:
    assert 'href="/terms"' in client.get("/sign-up").text
    assert (
        "ouverte à toute personne" in client.get("/terms", headers={"Accept-Language": "fr"}).text
    )


def test_the_tutorial_board_is_not_in_the_residents_spaces(client, session, demo) -> None:
    boards = session.scalars(select(Component).where(Component.type == "hello")).all()
    assert boards and all(board.space.slug == PRACTICE_SPACE for board in boards)
    assert not boards[0].space.published
    assert "hello" not in client.get(f"/spaces/{DEMO_SPACE}").text


@pytest.mark.pnyx_plugins("proposals", "comments", "mutual_aid", "surveys")
def test_every_text_of_the_demo_says_its_language(session, demo) -> None:
    """Seeds write in the organization's language: left empty, their French showed unmarked on
    the demo's English pages (WCAG 3.1.2)."""
    assert texts_without_language(session) == {}
    assert set(session.scalars(select(Proposal.language))) == {"fr"}
