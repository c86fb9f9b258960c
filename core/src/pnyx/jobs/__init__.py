"""Background jobs: ``api.enqueue(func, *args, **kwargs)`` (docs/jobs.md).

With ``PNYX_REDIS_URL`` set, jobs go to a Redis queue (RQ) and ``pnyx worker``
runs them, with retries and a re-run when a worker dies mid-job. Without it (the
embedded default, the tests) each job runs in the same process, after the
response is sent. Either way a job enqueued during a request leaves only once
the request ended without an error, i.e. after its commit; it runs in its own
application context, with its own database session and a request context for
the address the request came to (``url_for(..., _external=True)`` works).
"""

from pnyx.jobs.queues import (
    InlineQueue,
    JobQueue,
    RedisQueue,
    enqueue,
    init_jobs,
    job,
    job_queue,
    run_pending,
)
from pnyx.jobs.runner import Job, in_job, last_attempt

__all__ = [
    "InlineQueue",
    "Job",
    "JobQueue",
    "RedisQueue",
    "enqueue",
    "in_job",
    "init_jobs",
    "job",
    "job_queue",
    "last_attempt",
    "run_pending",
]
