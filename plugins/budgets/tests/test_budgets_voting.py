"""Voting without JavaScript: browse, choose, review, confirm, cast, receipt."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from pnyx import api
from pnyx_budgets.models import CAST, Ballot, BallotItem

pytestmark = pytest.mark.pnyx_plugins("budgets")


@pytest.fixture
def budget(budgets_make_budget):
    return budgets_make_budget(amount=100_000, max_total=100_000)


@pytest.fixture
def park(budgets_make_project, budget):
    return budgets_make_project(budget, cost=60_000, title="Park")


@pytest.fixture
def bikes(budgets_make_project, budget):
    return budgets_make_project(budget, cost=30_000, title="Bike racks")


@pytest.fixture
def library(budgets_make_project, budget):
    return budgets_make_project(budget, cost=50_000, title="Library")


def test_a_resident_votes_from_list_to_receipt(
    budgets_client, budgets_url, make_user, session, budget, park, bikes
):
    client = budgets_client
    voter = make_user()
    client.sign_in(voter)
    page = client.get(f"{budgets_url}{budget.id}/")
    assert page.status_code == 200
    assert "Park" in page.text and "Add to my ballot" in page.text

    added = client.post_form(
        f"{budgets_url}{budget.id}/ballot/add",
        data={"project_id": park.id, "next": f"{budgets_url}{budget.id}/"},
    )
    assert added.status_code == 303
    assert added.headers["Location"].endswith(f"{budgets_url}{budget.id}/")
    listing = client.get(f"{budgets_url}{budget.id}/").text
    assert "Remove from my ballot" in listing
    assert "1 project chosen" in listing

    client.post_form(f"{budgets_url}{budget.id}/ballot/add", data={"project_id": bikes.id})
    ballot_page = client.get(f"{budgets_url}{budget.id}/ballot").text
    assert "Bike racks" in ballot_page and "Confirm my vote" in ballot_page

    confirm = client.get(f"{budgets_url}{budget.id}/ballot/confirm")
    assert confirm.status_code == 200 and "Cast my ballot" in confirm.text
    cast = client.post_form(f"{budgets_url}{budget.id}/ballot/checkout")
    assert cast.status_code == 303
    receipt = client.get(cast.headers["Location"])
    code = re.search(r"<strong>([2-9A-Z]{4}(?:-[2-9A-Z]{4}){3})</strong>", receipt.text)
    assert code, receipt.text

    ballot = session.scalar(select(Ballot).where(Ballot.voter_id == voter.id))
    assert ballot.status == CAST and ballot.receipt_code == code.group(1)
    assert sorted(i.project_id for i in ballot.items) == sorted([park.id, bikes.id])


def test_the_log_says_who_voted_never_what(
    budgets_client, budgets_url, make_user, session, budget, park
):
    from pnyx.models import ActionLog  # the log's content is what this test checks

    voter = make_user()
    budgets_client.sign_in(voter)
    budgets_client.post_form(f"{budgets_url}{budget.id}/ballot/add", data={"project_id": park.id})
    budgets_client.post_form(f"{budgets_url}{budget.id}/ballot/checkout")
    entries = session.scalars(select(ActionLog).where(ActionLog.action.like("budgets.%"))).all()
    assert {e.action for e in entries} == {"budgets.ballot_changed", "budgets.vote"}
    for entry in entries:
        assert entry.resource_type == "budgets_budget" and entry.resource_id == budget.id
        assert str(park.id) not in repr(entry.extra)
        assert entry.visibility == "private"


def test_a_project_over_the_limit_is_refused_with_what_to_change(
    budgets_client, budgets_url, make_user, session, budget, park, library
):
    budgets_client.sign_in(make_user())
    budgets_client.post_form(f"{budgets_url}{budget.id}/ballot/add", data={"project_id": park.id})
    refused = budgets_client.post_form(
        f"{budgets_url}{budget.id}/ballot/add", data={"project_id": library.id}
    )
    assert refused.status_code == 400
    assert "remove a project first, or choose one that costs at most" in refused.text
    assert "€400.00" in refused.text  # what is left: 1 000 € - 600 €
    items = session.scalars(select(BallotItem)).all()
    assert [i.project_id for i in items] == [park.id]


def test_anonymous_people_are_asked_to_sign_in(budgets_client, budgets_url, budget, park):
    page = budgets_client.get(f"{budgets_url}{budget.id}/").text
    assert "Add to my ballot" not in page
    response = budgets_client.post_form(
        f"{budgets_url}{budget.id}/ballot/add", data={"project_id": park.id}
    )
    assert response.status_code == 302 and "/sign-in" in response.headers["Location"]


def test_checkout_rechecks_the_minimum(
    budgets_client, budgets_url, make_user, budgets_make_budget, budgets_make_project
):
    budget = budgets_make_budget(amount=100_000, min_projects=2)
    only = budgets_make_project(budget, cost=10_000, title="Bench")
    budgets_client.sign_in(make_user())
    budgets_client.post_form(f"{budgets_url}{budget.id}/ballot/add", data={"project_id": only.id})
    refused = budgets_client.post_form(f"{budgets_url}{budget.id}/ballot/checkout")
    assert refused.status_code == 400
    assert "Choose at least 2 projects. Add 1 more." in refused.text


def test_voting_closed_refuses_every_change(
    budgets_client, budgets_url, make_user, session, budgets_component, budget, park
):
    from pnyx_budgets.testing import step_settings

    step_settings(budgets_component, votes_enabled=False)
    session.commit()
    budgets_client.sign_in(make_user())
    refused = budgets_client.post_form(
        f"{budgets_url}{budget.id}/ballot/add", data={"project_id": park.id}
    )
    assert refused.status_code == 403
    assert session.scalar(select(Ballot)) is None


def test_changes_are_refused_when_the_setting_forbids_them(
    budgets_client, budgets_url, make_user, session, budgets_component, budget, park
):
    settings = dict(budgets_component.settings)
    settings["global"] = {**settings["global"], "ballot_changes_allowed": False}
    budgets_component.settings = settings
    session.commit()
    budgets_client.sign_in(make_user())
    budgets_client.post_form(f"{budgets_url}{budget.id}/ballot/add", data={"project_id": park.id})
    budgets_client.post_form(f"{budgets_url}{budget.id}/ballot/checkout")
    receipt = budgets_client.get(f"{budgets_url}{budget.id}/receipt").text
    assert "Change my ballot" not in receipt
    budgets_client.post_form(f"{budgets_url}{budget.id}/ballot/cancel")
    budgets_client.post_form(f"{budgets_url}{budget.id}/ballot/change")
    assert [b.status for b in session.scalars(select(Ballot))] == [CAST]


def test_filters_narrow_the_list(
    budgets_client, budgets_url, session, budget, budgets_make_project
):
    tours = api.TaxonomyTerm(kind="territory", code="37261", name={"en": "Tours"})
    green = api.TaxonomyTerm(kind="theme", code="green", name={"en": "Green"})
    session.add_all([tours, green])
    session.commit()
    budgets_make_project(budget, cost=10_000, title="Tree alley", territory_id=tours.id)
    cheap = budgets_make_project(budget, cost=5_000, title="Bird boxes")
    cheap.themes = [green]
    budgets_make_project(budget, cost=90_000, title="Skate park")
    session.commit()
    url = f"{budgets_url}{budget.id}/"
    by_town = budgets_client.get(url, query_string={"territory": tours.id}).text
    assert "Tree alley" in by_town and "Skate park" not in by_town
    by_theme = budgets_client.get(url, query_string={"theme": green.id}).text
    assert "Bird boxes" in by_theme and "Tree alley" not in by_theme
    by_cost = budgets_client.get(url, query_string={"max_cost": "100"}).text
    assert "Bird boxes" in by_cost and "Tree alley" in by_cost and "Skate park" not in by_cost


@pytest.mark.parametrize(
    ("evil", "anchor"),
    [("/\t/evil.example", None), ("/\n/evil.example", None), ("/ok", "x\nSet-Cookie: a=b")],
)
def test_ballot_changes_never_send_people_to_another_site(
    budgets_client, budgets_url, make_user, budget, park, evil, anchor
):
    budgets_client.sign_in(make_user())
    data = {"project_id": park.id, "next": evil, **({"anchor": anchor} if anchor else {})}
    added = budgets_client.post_form(f"{budgets_url}{budget.id}/ballot/add", data=data)
    assert added.status_code == 303
    location = added.headers["Location"]
    assert "evil" not in location and "\n" not in location and "Set-Cookie" not in location


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("territory=abc", "“Territory” must be a whole number"),
        ("theme=²", "“Theme” must be a whole number"),
        ("max_cost=NaN", "“Maximum cost” must be an amount"),
        ("max_cost=Infinity", "“Maximum cost” must be an amount"),
    ],
)
def test_a_bad_filter_value_is_reported(budgets_client, budgets_url, budget, query, message):
    """Issue 10, item 9: reported, not ignored; issue 11, item 10: never a 500."""
    response = budgets_client.get(
        f"{budgets_url}{budget.id}/?{query}", headers={"Accept-Language": "en"}
    )
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
