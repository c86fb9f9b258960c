"""The demo: a Touraine-like vote (youth and everyone), and last year's published results."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from pnyx import api
from pnyx_budgets.models import CAST, Ballot, Budget, Outcome
from pnyx_budgets.seed import seed

pytestmark = pytest.mark.pnyx_plugins("budgets")


@pytest.fixture
def demo(session, make_component):
    component = make_component("budgets")
    seed(session, component)
    session.commit()
    return component


def birth_date(age: int) -> str:
    today = dt.date.today()
    return today.replace(year=today.year - age, day=min(today.day, 28)).isoformat()


@pytest.mark.parametrize(("age", "budgets"), [(16, 2), (40, 1)])
def test_who_may_vote_where(budgets_client, session, make_user, demo, age, budgets):
    person = make_user()
    api.verification.grant(session, person, "birth_date", {"birth_date": birth_date(age)})
    session.commit()
    budgets_client.sign_in(person)
    page = budgets_client.get(f"/spaces/{demo.space.slug}/budgets/{demo.id}/").text
    assert "Youth budget (17 and under)" in page and "Budget for everyone" in page
    assert page.count("You may vote in this budget.") == budgets


def test_ballots_are_cast_and_last_year_is_published(budgets_client, session, demo):
    youth, everyone = session.scalars(
        select(Budget).where(Budget.component_id == demo.id).order_by(Budget.position)
    ).all()
    assert youth.permissions["budgets.vote"]["authorizations"][0]["options"]["maximum_age"] == 17
    for budget in (youth, everyone):
        cast = session.scalars(select(Ballot).where(Ballot.budget_id == budget.id)).all()
        assert cast and all(b.status == CAST for b in cast)
    outcome = session.scalar(select(Outcome).where(Outcome.published_at.is_not(None)))
    past = outcome.budget
    base = f"/spaces/{demo.space.slug}/budgets/{past.component_id}/{past.id}/"
    results = budgets_client.get(f"{base}results").text
    assert "Selected projects" in results and "What it lacked" in results
    follow = budgets_client.get(f"{base}follow-up").text
    assert "<progress" in follow and "Latest news:" in follow
