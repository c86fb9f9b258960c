"""The follow of the budget and the confirmation e-mail leave the checkout for a job
(issue 22 item 7): the request casts the ballot and enqueues ``after_cast``; the job is
idempotent (run twice: one follow, one message delivered, by the job itself: a failed
delivery fails the job, whose retry sends it) and goes to Redis when it is
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
from pnyx.mail_delivery import DeliveryError
from pnyx.models import OutgoingMail
from pnyx_budgets.models import CAST, Ballot

pytestmark = pytest.mark.pnyx_plugins("budgets")
AFTER_CAST = "pnyx_budgets.after_vote:after_cast"


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
    assert not kept.jobs and len(outbox) == 0

    for _attempt in range(2):  # a worker killed after the work, before RQ recorded it
        execute(app, job)
    session.commit()  # end the test's read: see what the job wrote
    assert api.following(voter, ("budgets_budget", budget.id)).reason == "voted"
    # the job delivered the message itself (no job more per ballot), once: the second run
    # built the same Message-ID and found it sent
    assert not kept.jobs
    assert len(outbox) == 1 and outbox.last["Subject"].startswith("Your ballot is cast")
    assert session.scalars(select(OutgoingMail.status)).all() == ["sent"]


class RefusingServer:
    def deliver(self, message: object) -> None:
        raise OSError("connection refused")


def test_a_failed_delivery_fails_the_job_whose_retry_sends_it_once(
    app, kept, budgets_client, budgets_url, make_user, session, budget, budgets_make_project, outbox
):
    budgets_client.sign_in(make_user())
    cast_ballot(budgets_client, budgets_url, budget, budgets_make_project(budget, cost=60_000))
    [job] = kept.take(AFTER_CAST)
    app.extensions["pnyx.mail"] = RefusingServer()
    with pytest.raises(DeliveryError):
        execute(app, job, last=False)  # RQ will try again
    session.commit()
    assert session.scalars(select(OutgoingMail.status)).all() == ["retrying"]
    app.extensions["pnyx.mail"] = outbox  # the server is back
    execute(app, job)
    execute(app, job)
    session.commit()
    assert session.scalars(select(OutgoingMail.status)).all() == ["sent"] and len(outbox) == 1


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
    assert len(outbox) == 0
    assert api.following(voter, ("budgets_budget", budget.id)) is None
