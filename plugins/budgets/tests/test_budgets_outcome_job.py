"""The outcome is computed by a background job: the request only asks for it, the page says
"being computed" until the job stored it, and a failure is shown, never lost."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask
from sqlalchemy import select

from pnyx.jobs import Job, job_queue
from pnyx.jobs.runner import execute
from pnyx_budgets.models import Budget, Outcome
from pnyx_budgets.outcome_job import compute_outcome
from pnyx_budgets.testing import step_settings

pytestmark = pytest.mark.pnyx_plugins("budgets")


class HeldJobs:
    """A queue that keeps jobs until the test runs them (a worker that has not started yet)."""

    after_response = False

    def __init__(self) -> None:
        self.jobs: list[Job] = []

    def push(self, job: Job) -> None:
        self.jobs.append(job)


@pytest.fixture
def held(app: Flask) -> Iterator[HeldJobs]:
    saved = job_queue(app)
    app.extensions["pnyx.jobs"] = queue = HeldJobs()
    yield queue
    app.extensions["pnyx.jobs"] = saved


@pytest.fixture
def closed_budget(session, budgets_component, budgets_make_budget, budgets_make_project):
    budget = budgets_make_budget(amount=100_000, max_total=100_000, rule="mes-add1")
    budgets_make_project(budget, cost=60_000, title="Park")
    step_settings(budgets_component, votes_enabled=False, votes_finished=True)
    session.commit()
    return budget


def run_outcome_jobs(app: Flask, session, held: HeldJobs) -> None:
    """Run the held outcome jobs as a worker would; the test's session then reads afresh."""
    session.commit()  # ends the test's read transaction (SQLite keeps its snapshot)
    for job in [j for j in held.jobs if j.func.endswith(":compute_outcome")]:
        execute(app, job)
    session.commit()


def test_the_request_asks_and_the_job_computes(
    app, budgets_client, budgets_admin_url, make_user, session, closed_budget, held
):
    budgets_client.sign_in(make_user(roles=["admin"]))
    page_url = f"{budgets_admin_url}{closed_budget.id}/outcome"

    asked = budgets_client.post_form(f"{page_url}/compute", follow_redirects=True)

    assert "being computed" in asked.text
    assert session.scalar(select(Outcome)) is None
    assert "Compute the outcome</button>" not in asked.text  # no second request meanwhile
    run_outcome_jobs(app, session, held)
    outcome = session.scalar(select(Outcome))
    assert session.get(Budget, closed_budget.id).outcome_error is None
    assert outcome is not None and outcome.ballots_count == 0
    assert session.get(Budget, closed_budget.id).outcome_requested_at is None
    assert "being computed" not in budgets_client.get(page_url).text


def test_a_rerun_after_the_job_finished_does_nothing(
    app, budgets_client, budgets_admin_url, make_user, session, closed_budget, held
):
    budgets_client.sign_in(make_user(roles=["admin"]))
    budgets_client.post_form(f"{budgets_admin_url}{closed_budget.id}/outcome/compute")
    run_outcome_jobs(app, session, held)
    first = session.scalar(select(Outcome)).computed_at

    run_outcome_jobs(app, session, held)  # a worker killed after its commit runs the job again

    assert session.scalar(select(Outcome)).computed_at == first


def test_a_failure_is_shown_on_the_outcome_page(
    app, budgets_client, budgets_admin_url, make_user, session, closed_budget, held
):
    admin = make_user(roles=["admin"])
    budgets_client.sign_in(admin)
    budgets_client.post_form(f"{budgets_admin_url}{closed_budget.id}/outcome/compute")
    budget = session.get(Budget, closed_budget.id)
    budget.rule = "no-such-rule"
    session.commit()

    with app.app_context():
        compute_outcome(closed_budget.id, admin.id)
    session.commit()

    page = budgets_client.get(f"{budgets_admin_url}{closed_budget.id}/outcome").text
    assert "could not be computed" in page
    assert "Compute the outcome</button>" in page
