"""``pnyx worker``: run the background jobs queued on Redis (docs/jobs.md)."""

from __future__ import annotations

from typing import Any

import click
from flask import current_app
from flask.cli import with_appcontext

from pnyx.jobs import RedisQueue, job_queue
from pnyx.jobs.runner import set_worker_app


class QuickStop:
    """RQ's command listener waits up to 60 s per poll, so every stop (and every
    ``--burst``) took a minute: it polls each second instead."""

    def subscribe(self: Any) -> None:
        self.pubsub = self.connection.pubsub()
        self.pubsub.subscribe(**{self.pubsub_channel_name: self.handle_payload})
        self.pubsub_thread = self.pubsub.run_in_thread(
            sleep_time=1, daemon=True, exception_handler=self._pubsub_exception_handler
        )


@click.command("worker")
@click.option("--burst", is_flag=True, help="Run the queued jobs, then stop (cron, tests).")
@click.option(
    "--fork/--no-fork",
    default=False,
    show_default=True,
    help="Run each job in a forked work-horse (RQ's Worker) instead of in the worker itself.",
)
@with_appcontext
def worker(burst: bool, fork: bool) -> None:
    """Run background jobs (mail, exports, outcomes) from Redis until stopped."""
    from rq import SimpleWorker, Worker

    app = current_app._get_current_object()  # type: ignore[attr-defined]
    queue = job_queue(app)
    if not isinstance(queue, RedisQueue):
        raise click.ClickException(
            "jobs run inline on this instance (no Redis): set PNYX_REDIS_URL to use a worker."
        )
    set_worker_app(app)
    base = Worker if fork else SimpleWorker
    worker_class = type(f"Pnyx{base.__name__}", (QuickStop, base), {})
    runner = worker_class([queue.queue], connection=queue.connection)
    # The scheduler re-queues the jobs waiting for their next try (retries with back-off).
    runner.work(burst=burst, with_scheduler=True, logging_level="WARNING")
