"""Who may vote where: each budget's verifications and the rule across budgets."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from pnyx import api
from pnyx_budgets.models import CAST, Ballot

pytestmark = pytest.mark.pnyx_plugins("budgets")

YOUTH_ONLY = {
    "budgets.vote": {
        "authorizations": [
            {"handler": "birth_date", "options": {"minimum_age": None, "maximum_age": 17}}
        ]
    }
}


def born_years_ago(years: int) -> str:
    today = dt.date.today()
    return today.replace(year=today.year - years, day=min(today.day, 28)).isoformat()


@pytest.fixture
def youth(budgets_make_budget):
    return budgets_make_budget(title={"en": "Youth budget"}, permissions=YOUTH_ONLY)


@pytest.fixture
def everyone(budgets_make_budget):
    return budgets_make_budget(title={"en": "Budget for everyone"})


def person(make_user, session, age: int | None):
    user = make_user()
    if age is not None:
        api.verification.grant(session, user, "birth_date", {"birth_date": born_years_ago(age)})
        session.commit()
    return user


def add(client, url, budget, project):
    return client.post_form(f"{url}{budget.id}/ballot/add", data={"project_id": project.id})


def test_a_teenager_votes_in_both_an_adult_in_one(
    budgets_client, budgets_url, make_user, session, youth, everyone, budgets_make_project
):
    skate = budgets_make_project(youth, title="Skatepark")
    bench = budgets_make_project(everyone, title="Bench")
    teen = person(make_user, session, 16)
    budgets_client.sign_in(teen)
    index = budgets_client.get(budgets_url).text
    assert index.count("You may vote in this budget.") == 2
    assert add(budgets_client, budgets_url, youth, skate).status_code == 303
    assert add(budgets_client, budgets_url, everyone, bench).status_code == 303

    budgets_client.sign_out()
    adult = person(make_user, session, 40)
    budgets_client.sign_in(adult)
    index = budgets_client.get(budgets_url).text
    assert index.count("You may vote in this budget.") == 1
    assert "This is for people aged 17 or under." in index
    refused = add(budgets_client, budgets_url, youth, skate)
    assert refused.status_code == 403
    assert "17 or under" in refused.text
    assert add(budgets_client, budgets_url, everyone, bench).status_code == 303


def test_without_a_birth_date_the_page_says_how_to_verify(
    budgets_client, budgets_url, make_user, session, youth, budgets_make_project
):
    budgets_make_project(youth, title="Skatepark")
    budgets_client.sign_in(make_user())
    page = budgets_client.get(f"{budgets_url}{youth.id}/").text
    assert "Verify your eligibility" in page
    assert "/account/verifications/birth-date" in page


def test_one_budget_only_refuses_the_second(
    budgets_client,
    budgets_url,
    make_user,
    session,
    budgets_component,
    youth,
    everyone,
    budgets_make_project,
):
    settings = dict(budgets_component.settings)
    settings["global"] = {**settings["global"], "voting_rule": "one"}
    budgets_component.settings = settings
    session.commit()
    a = budgets_make_project(youth, title="Skatepark")
    b = budgets_make_project(everyone, title="Bench")
    budgets_client.sign_in(person(make_user, session, 15))
    add(budgets_client, budgets_url, youth, a)
    budgets_client.post_form(f"{budgets_url}{youth.id}/ballot/checkout")
    refused = add(budgets_client, budgets_url, everyone, b)
    assert refused.status_code == 400
    assert "each person votes in one budget only" in refused.text
    assert session.scalar(select(Ballot).where(Ballot.budget_id == everyone.id)) is None


def test_up_to_n_is_checked_again_at_checkout(
    budgets_client,
    budgets_url,
    make_user,
    session,
    budgets_component,
    budgets_make_budget,
    budgets_make_project,
):
    settings = dict(budgets_component.settings)
    settings["global"] = {**settings["global"], "voting_rule": "up_to", "max_budgets": 1}
    budgets_component.settings = settings
    session.commit()
    first, second = budgets_make_budget(), budgets_make_budget()
    p1, p2 = budgets_make_project(first), budgets_make_project(second)
    budgets_client.sign_in(make_user())
    # Both drafts exist before any is cast: the limit must hold at checkout.
    add(budgets_client, budgets_url, first, p1)
    add(budgets_client, budgets_url, second, p2)
    assert budgets_client.post_form(f"{budgets_url}{first.id}/ballot/checkout").status_code == 303
    refused = budgets_client.post_form(f"{budgets_url}{second.id}/ballot/checkout")
    assert refused.status_code == 400
    assert "the most each person may vote in" in refused.text
    cast = session.scalars(select(Ballot).where(Ballot.status == CAST)).all()
    assert [b.budget_id for b in cast] == [first.id]
