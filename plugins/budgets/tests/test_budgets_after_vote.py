"""The follow of the budget and the confirmation e-mail leave the checkout for a job
(issue 22 item 7): the request casts the ballot and enqueues ``after_cast``; the job is
idempotent (run twice: one follow, one message delivered) and goes to Redis when it is
configured (``test_budgets_after_vote_redis``). Without Redis the kit runs it inline after
the response, as a server does: the other tests (``test_budgets_vote_mail``,
``test_budgets_followers``) see no change.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import select

from pnyx import api
from pnyx.jobs import Job
from pnyx.jobs.runner import execute
from pnyx.models import OutgoingMail
from pnyx_budgets.models import CAST, Ballot

pytestmark = pytest.mark.pnyx_plugins("budgets")
AFTER_CAST = "pnyx_budgets.after_vote:after_cast"
DELIVER = "pnyx.mail_delivery:deliver_mail"


class KeptJobs:
    """A queue that keeps the jobs, for the test to run them when it chooses."""

    after_response = False

    def __init__(self) -> None:
        self.jobs: list[Job] = []

    def push(self, job: Job) -> None:
        self.jobs.append(job)

    def take(self, name: str) -> list[Job]:
        taken = [job for job in self.jobs if job.func == name]
        self.jobs = [job for job in self.jobs if job.func != name]
        return taken


@pytest.fixture
def kept(app) -> Iterator[KeptJobs]:
    queue, before = KeptJobs(), app.extensions["pnyx.jobs"]
    app.extensions["pnyx.jobs"] = queue
    yield queue
    app.extensions["pnyx.jobs"] = before


@pytest.fixture
def budget(budgets_make_budget):
    return budgets_make_budget(amount=100_000, max_total=100_000)


def cast_ballot(client, url, budget, project) -> None:
    client.post_form(f"{url}{budget.id}/ballot/add", data={"project_id": project.id})
    assert client.post_form(f"{url}{budget.id}/ballot/checkout").status_code == 303


def test_the_checkout_enqueues_the_follow_and_the_e_mail_and_a_rerun_changes_nothing(
    app, kept, budgets_client, budgets_url, make_user, session, budget, budgets_make_project, outbox
):
    voter = make_user()
    budgets_client.sign_in(voter)
    cast_ballot(budgets_client, budgets_url, budget, budgets_make_project(budget, cost=60_000))
    ballot = session.scalar(select(Ballot).where(Ballot.voter_id == voter.id))
    [job] = kept.take(AFTER_CAST)
    assert job.args == (ballot.id, False) and job.retries == 5
    # the request itself neither followed nor wrote a message
    assert api.following(voter, ("budgets_budget", budget.id)) is None
    assert not kept.take(DELIVER) and len(outbox) == 0

    for _attempt in range(2):  # a worker killed after the work, before RQ recorded it
        execute(app, job)
    session.commit()  # end the test's read: see what the job wrote
    assert api.following(voter, ("budgets_budget", budget.id)).reason == "voted"
    deliveries = kept.take(DELIVER)
    assert len(deliveries) == 2  # the same message twice: its Message-ID comes from the ballot
    for delivery in deliveries:
        execute(app, delivery)
    assert len(outbox) == 1 and outbox.last["Subject"].startswith("Your ballot is cast")
    session.commit()
    assert session.scalars(select(OutgoingMail.status)).all() == ["sent"]


def test_a_ballot_gone_before_its_job_runs_is_not_mailed(
    app, kept, budgets_client, budgets_url, make_user, session, budget, budgets_make_project, outbox
):
    voter = make_user()
    budgets_client.sign_in(voter)
    cast_ballot(budgets_client, budgets_url, budget, budgets_make_project(budget, cost=60_000))
    [job] = kept.take(AFTER_CAST)
    session.delete(session.scalar(select(Ballot).where(Ballot.status == CAST)))
    session.commit()
    execute(app, job)
    assert not kept.take(DELIVER)
    assert api.following(voter, ("budgets_budget", budget.id)) is None
