"""The site-wide search page (issue 10 item 6): every plugin's resources through the
``search_resources`` hook, forgiving accents and case, filtered by what the person may see."""

from __future__ import annotations

import datetime as dt

import pytest

from pnyx import api
from pnyx_budgets.models import Budget, Project
from pnyx_meetings.models import Meeting
from pnyx_proposals.models import Proposal

pytestmark = pytest.mark.pnyx_plugins("proposals", "meetings", "budgets")


@pytest.fixture
def resources(session, make_space, make_component):
    public = make_space(title={"en": "Open space"})
    hidden_space = make_space(title={"en": "Draft space"}, published=False)
    proposals = make_component(public, "proposals")
    secret = make_component(hidden_space, "proposals")
    meetings = make_component(public, "meetings")
    budgets = make_component(public, "budgets")
    now = api.utcnow()
    session.add_all(
        [
            Proposal(
                component_id=proposals.id,
                title="Un vélo par école",
                body="...",
                published_at=now,
            ),
            Proposal(
                component_id=proposals.id, title="Vélo brouillon", body="...", published_at=None
            ),
            Proposal(component_id=secret.id, title="Vélo secret", body="...", published_at=now),
            Meeting(
                component_id=meetings.id,
                title={"fr": "Atelier VÉLO", "en": "Bike workshop"},
                start_at=now + dt.timedelta(days=3),
                end_at=now + dt.timedelta(days=3, hours=2),
            ),
        ]
    )
    budget = Budget(component_id=budgets.id, title={"fr": "Budget 2027"}, amount=100_000)
    session.add(budget)
    session.flush()
    session.add(Project(budget=budget, title={"fr": "Parking à vélos"}, cost=5_000))
    session.commit()


def test_one_search_finds_every_kind_whatever_the_accents(client, resources) -> None:
    for query in ("velo", "VÉLO", "Vélo"):
        page = client.get(f"/search?q={query}", headers={"Accept-Language": "en"}).text
        assert "Un vélo par école" in page, query
        assert "Atelier VÉLO" in page or "Bike workshop" in page, query
        assert "Parking à vélos" in page, query
        assert "3 results" in page, query


def test_search_leaves_out_drafts_and_unpublished_spaces(client, resources) -> None:
    page = client.get("/search?q=velo").text
    assert "brouillon" not in page and "secret" not in page


def test_an_empty_search_shows_the_box_only(client, resources) -> None:
    page = client.get("/search").text
    assert 'name="q"' in page and "result" not in page
