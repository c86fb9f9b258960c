"""With Redis, the job that follows a checkout (the follow of the budget, the e-mail) waits
in the queue for ``pnyx worker``: the request does neither (issue 22 item 7)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest

from pnyx import api
from pnyx.jobs import Job
from pnyx.jobs.runner import execute
from pnyx.testing.database import on_ci

pytestmark = pytest.mark.pnyx_plugins("budgets")
AFTER_CAST = "pnyx_budgets.after_vote:after_cast"

REDIS_URL = os.environ.get("PNYX_TEST_REDIS_URL", "redis://127.0.0.1:6379/1")


@pytest.fixture
def queue_name() -> Iterator[str]:
    from redis import Redis
    from redis.exceptions import RedisError
    from rq import Queue

    try:
        Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except RedisError as error:
        if on_ci():
            pytest.fail(f"Redis at {REDIS_URL} is unreachable on CI: {error}")
        pytest.skip(f"Redis at {REDIS_URL} is unreachable: {error}")
    name = f"pnyx-budgets-test-{os.urandom(4).hex()}"
    yield name
    Queue(name, connection=Redis.from_url(REDIS_URL)).delete(delete_jobs=True)


@pytest.fixture
def pnyx_config(queue_name: str) -> dict[str, Any]:
    return {"JOBS": "redis", "JOBS_REDIS_URL": REDIS_URL, "JOBS_QUEUE": queue_name}


@pytest.fixture
def budget(budgets_make_budget):
    return budgets_make_budget(amount=100_000, max_total=100_000)


def test_with_redis_the_job_waits_in_the_queue_for_a_worker(
    app,
    queue_name,
    budgets_client,
    budgets_url,
    make_user,
    session,
    budget,
    budgets_make_project,
    outbox,
):
    voter = make_user()
    budgets_client.sign_in(voter)
    project = budgets_make_project(budget, cost=60_000)
    budgets_client.post_form(
        f"{budgets_url}{budget.id}/ballot/add", data={"project_id": project.id}
    )
    assert budgets_client.post_form(f"{budgets_url}{budget.id}/ballot/checkout").status_code == 303
    queue = app.extensions["pnyx.jobs"].queue
    [queued] = queue.get_jobs()
    assert queued.description == AFTER_CAST
    assert api.following(voter, ("budgets_budget", budget.id)) is None

    queue.remove(queued)
    execute(app, Job.loads(queued.args[0]))  # what `pnyx worker` does with it
    session.commit()  # end the test's read: see what the job wrote
    assert api.following(voter, ("budgets_budget", budget.id)).reason == "voted"
    assert len(outbox) == 1  # delivered by the job itself: no job more in the queue
    assert queue.get_jobs() == []
