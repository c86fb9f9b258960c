"""One voter, many parallel requests: one ballot per budget, no limit exceeded.

Real requests in parallel threads against the test database: SQLite (writers
serialised by ``BEGIN IMMEDIATE``) or, with ``PNYX_TEST_DATABASE_URL``,
PostgreSQL (the voter's row locked with ``SELECT ... FOR UPDATE``, the budget's
shared by checkouts).
"""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from pnyx.testing.client import TEST_SESSION
from pnyx.testing.concurrency import post_at_once
from pnyx_budgets.models import CAST, DRAFT, Ballot, BallotItem, Project

pytestmark = pytest.mark.pnyx_plugins("budgets")
REQUESTS = 24


def race(app, person, requests, monkeypatch) -> list[int]:
    """Fire ``requests`` (``(url, data)`` pairs) at once, each from its own client."""
    monkeypatch.delitem(app.extensions, TEST_SESSION)  # the test's session stays out of the way
    return post_at_once(app, [(person, url, data) for url, data in requests])


def test_parallel_adds_and_checkouts_make_one_ballot_within_limits(
    app, session, make_user, budgets_url, budgets_make_budget, budgets_make_project, monkeypatch
):
    budget = budgets_make_budget(amount=100_000, max_total=100_000, max_projects=3)
    projects = [budgets_make_project(budget, cost=30_000, title=f"P{i}") for i in range(8)]
    voter = make_user()
    session.commit()
    base = f"{budgets_url}{budget.id}/ballot/"
    requests = [
        (f"{base}checkout", {})
        if i % 3 == 2
        else (f"{base}add", {"project_id": projects[i % 8].id})
        for i in range(REQUESTS)
    ]

    answers = race(app, voter, requests, monkeypatch)

    assert all(status in (303, 400) for status in answers), answers
    session.expire_all()
    ballots = session.scalars(select(Ballot).where(Ballot.budget_id == budget.id)).all()
    assert len(ballots) == 1
    costs = session.scalars(
        select(Project.cost).join(BallotItem, BallotItem.project_id == Project.id)
    ).all()
    assert 1 <= len(costs) <= 3 and sum(costs) <= 100_000


def test_parallel_checkouts_in_two_budgets_respect_one_budget_only(
    app,
    session,
    make_user,
    budgets_url,
    budgets_component,
    budgets_make_budget,
    budgets_make_project,
    monkeypatch,
):
    settings = dict(budgets_component.settings)
    settings["global"] = {**settings["global"], "voting_rule": "one"}
    budgets_component.settings = settings
    first, second = budgets_make_budget(), budgets_make_budget()
    voter = make_user()
    for budget in (first, second):
        project = budgets_make_project(budget, cost=10_000)
        ballot = Ballot(budget_id=budget.id, voter_id=voter.id, status=DRAFT)
        ballot.items = [BallotItem(project_id=project.id)]
        session.add(ballot)
    session.commit()
    requests = [
        (f"{budgets_url}{(first, second)[i % 2].id}/ballot/checkout", {}) for i in range(REQUESTS)
    ]

    answers = race(app, voter, requests, monkeypatch)

    assert all(status in (303, 400) for status in answers), answers
    session.expire_all()
    cast = session.scalar(select(func.count()).where(Ballot.status == CAST))
    assert cast == 1


def test_many_clicks_on_one_project_add_it_once(
    app, session, make_user, budgets_url, budgets_make_budget, budgets_make_project, monkeypatch
):
    budget = budgets_make_budget()
    project = budgets_make_project(budget, cost=10_000)
    voter = make_user()
    session.commit()
    url = f"{budgets_url}{budget.id}/ballot/add"

    answers = race(app, voter, [(url, {"project_id": project.id})] * REQUESTS, monkeypatch)

    assert answers == [303] * REQUESTS
    session.expire_all()
    assert session.scalar(select(func.count()).select_from(Ballot)) == 1
    assert session.scalar(select(func.count()).select_from(BallotItem)) == 1


def cast_with_copy(session, voter, budget, old, new) -> str:
    """A cast ballot (``old``) and the draft copy its voter edits (``new``); the old code."""
    cast = Ballot(budget_id=budget.id, voter_id=voter.id, status=CAST, receipt_code="OLD")
    cast.items = [BallotItem(project_id=old.id)]
    copy = Ballot(budget_id=budget.id, voter_id=voter.id, status=DRAFT)
    copy.items = [BallotItem(project_id=new.id)]
    session.add_all([cast, copy])
    session.commit()
    return "OLD"


def test_racing_confirms_of_a_changed_ballot_leave_exactly_one_cast_ballot(
    app, session, make_user, budgets_url, budgets_make_budget, budgets_make_project, monkeypatch
):
    budget = budgets_make_budget(amount=100_000)
    old, new = (budgets_make_project(budget, cost=10_000, title=t) for t in ("Old", "New"))
    voter = make_user()
    cast_with_copy(session, voter, budget, old, new)
    url = f"{budgets_url}{budget.id}/ballot/checkout"

    answers = race(app, voter, [(url, {})] * REQUESTS, monkeypatch)

    assert answers == [303] * REQUESTS
    session.expire_all()
    (ballot,) = session.scalars(select(Ballot).where(Ballot.budget_id == budget.id)).all()
    assert ballot.status == CAST and ballot.receipt_code != "OLD"
    assert [item.project_id for item in ballot.items] == [new.id]


def test_confirms_racing_changes_and_discards_never_leave_zero_or_two_cast_ballots(
    app, session, make_user, budgets_url, budgets_make_budget, budgets_make_project, monkeypatch
):
    budget = budgets_make_budget(amount=100_000)
    old, new = (budgets_make_project(budget, cost=10_000, title=t) for t in ("Old", "New"))
    voter = make_user()
    cast_with_copy(session, voter, budget, old, new)
    base = f"{budgets_url}{budget.id}/ballot/"
    requests = [(f"{base}{('checkout', 'change', 'keep')[i % 3]}", {}) for i in range(REQUESTS)]

    answers = race(app, voter, requests, monkeypatch)

    assert all(status in (303, 400) for status in answers), answers
    session.expire_all()
    found = session.scalars(select(Ballot).where(Ballot.budget_id == budget.id)).all()
    assert sorted(b.status for b in found) in ([CAST], [CAST, DRAFT])
