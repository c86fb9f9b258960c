"""Ballot formats matching pabulib's vote types, and their rules' messages."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from pnyx_budgets.models import BallotItem
from pnyx_budgets.rules import (
    Line,
    Rules,
    adding_problem,
    checkout_problems,
    describe,
    points_problem,
)

pytestmark = pytest.mark.pnyx_plugins("budgets")


@pytest.fixture
def english(app):
    with app.test_request_context(headers={"Accept-Language": "en"}):
        yield


def test_approval_limits_say_what_to_change(english):
    rules = Rules(max_projects=2, min_total=50_000, max_total=100_000)
    chosen = [Line(1, 30_000), Line(2, 30_000)]
    assert "at most 2 projects: remove one" in adding_problem(rules, chosen, Line(3, 1))
    rules = Rules(min_projects=1, min_total=50_000, max_total=100_000)
    problem = adding_problem(rules, [Line(1, 80_000)], Line(2, 30_000))
    assert "€1,100.00" in problem and "at most €200.00" in problem
    (problem,) = checkout_problems(rules, [Line(1, 30_000)])
    assert "for at least €500.00 (€200.00 more)" in problem
    assert checkout_problems(rules, []) == ["Your ballot is empty: choose at least one project."]


def test_cumulative_points_like_toulouse(english):
    rules = Rules(vote_type="cumulative", points_total=7, points_per_project=3)
    assert points_problem(rules, [Line(1, 1, 3), Line(2, 1, 3), Line(3, 1, 1)]) is None
    assert "at most 3 points" in points_problem(rules, [Line(1, 1, 4)])
    assert "Take back 1 first." in points_problem(
        rules, [Line(1, 1, 3), Line(2, 1, 3), Line(3, 1, 2)]
    )


def test_ordinal_exact_length_like_krakow(english):
    rules = Rules(vote_type="ordinal", min_projects=3, max_projects=3)
    (problem,) = checkout_problems(rules, [Line(1, 1), Line(2, 1)])
    assert problem == "Rank exactly 3 projects. Add 1 more."
    assert checkout_problems(rules, [Line(1, 1), Line(2, 1), Line(3, 1)]) == []
    assert "at most 3 projects" in adding_problem(rules, [Line(i, 1) for i in range(3)], Line(9, 1))


def test_points_are_given_on_the_ballot_page(
    budgets_client, budgets_url, make_user, session, budgets_make_budget, budgets_make_project
):
    budget = budgets_make_budget(vote_type="cumulative", points_total=7, points_per_project=3)
    a, b = budgets_make_project(budget, title="A"), budgets_make_project(budget, title="B")
    budgets_client.sign_in(make_user())
    for project in (a, b):
        budgets_client.post_form(
            f"{budgets_url}{budget.id}/ballot/add", data={"project_id": project.id}
        )
    ok = budgets_client.post_form(
        f"{budgets_url}{budget.id}/ballot/points", data={"project_id": a.id, "points": "3"}
    )
    assert ok.status_code == 303
    refused = budgets_client.post_form(
        f"{budgets_url}{budget.id}/ballot/points", data={"project_id": b.id, "points": "5"}
    )
    assert refused.status_code == 400
    assert f'id="points-{b.id}-error"' in refused.text
    assert 'aria-invalid="true"' in refused.text and 'value="5"' in refused.text
    typo = budgets_client.post_form(
        f"{budgets_url}{budget.id}/ballot/points", data={"project_id": b.id, "points": "two"}
    )
    assert typo.status_code == 400 and "whole number of points" in typo.text
    points = dict(session.execute(select(BallotItem.project_id, BallotItem.points)).all())
    assert points == {a.id: 3, b.id: 1}
    budgets_client.post_form(
        f"{budgets_url}{budget.id}/ballot/points", data={"project_id": b.id, "points": "0"}
    )
    assert session.scalars(select(BallotItem.project_id)).all() == [a.id]


def test_rankings_move_up_and_down(
    budgets_client, budgets_url, make_user, session, budgets_make_budget, budgets_make_project
):
    budget = budgets_make_budget(vote_type="ordinal", min_projects=3, max_projects=3)
    a, b, c = (budgets_make_project(budget, title=t) for t in "ABC")
    budgets_client.sign_in(make_user())
    for project in (a, b, c):
        budgets_client.post_form(
            f"{budgets_url}{budget.id}/ballot/add", data={"project_id": project.id}
        )
    budgets_client.post_form(
        f"{budgets_url}{budget.id}/ballot/move", data={"project_id": c.id, "direction": "up"}
    )
    order = session.scalars(select(BallotItem.project_id).order_by(BallotItem.position)).all()
    assert order == [a.id, c.id, b.id]
    page = budgets_client.get(f"{budgets_url}{budget.id}/ballot").text
    assert "Move up" in page and "Move down" in page
    assert budgets_client.post_form(f"{budgets_url}{budget.id}/ballot/checkout").status_code == 303


def test_every_count_has_its_own_plural_in_french(app):
    with app.test_request_context(headers={"Accept-Language": "fr"}):
        assert describe(Rules(min_projects=1)) == ["Choisissez au moins 1 projet."]
        (problem,) = checkout_problems(Rules(min_projects=3), [Line(1, 1), Line(2, 1)])
        assert problem == "Choisissez au moins 3 projets. Ajoutez-en encore 1."
        (problem,) = checkout_problems(Rules(max_projects=1), [Line(1, 1), Line(2, 1)])
        assert problem == "Choisissez au plus 1 projet. Retirez 1 projet."
