"""Where jobs go: this process after the response (inline), or a Redis queue (RQ).

``PNYX_JOBS`` chooses: ``inline``, ``redis``, or ``auto`` (the default: Redis when
``PNYX_REDIS_URL`` is set). A job enqueued while a request runs is held until the
request ends (its view and its ``on_event`` handlers, so after every commit); an
error drops it. Then Redis receives it at once, while inline jobs wait until the
server has sent the response (the WSGI ``close``), so a slow job never delays a
page and the person sees the same answer time whatever the job does.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import Any, Protocol, TypeVar

from flask import Flask, Response, current_app, g, has_app_context, has_request_context, request
from flask_babel import get_locale
from werkzeug.wsgi import ClosingIterator

from pnyx.errors import StartupError
from pnyx.jobs.runner import IN_JOB, Job, execute, run_in_worker

log = logging.getLogger(__name__)

EXTENSION_KEY = "pnyx.jobs"
#: The jobs a request holds: the same list in ``g`` and in the WSGI environ.
PENDING = "pnyx_pending_jobs"
ENVIRON_KEY = "pnyx.pending_jobs"
MODES = ("auto", "inline", "redis")

F = TypeVar("F", bound=Callable[..., Any])


class JobQueue(Protocol):
    """Something that takes jobs: ``after_response`` ones run when the response is closed."""

    after_response: bool

    def push(self, job: Job) -> None: ...


class InlineQueue:
    """Runs each job in this process (the embedded default and the tests)."""

    after_response = True

    def __init__(self, app: Flask) -> None:
        self.app = app

    def push(self, job: Job) -> None:
        try:
            execute(self.app, job)
        except Exception:  # a failed job is logged; the request that asked for it is over
            log.exception("job %s failed", job.func)


class RedisQueue:
    """Sends each job to an RQ queue on Redis; ``pnyx worker`` runs them."""

    after_response = False

    def __init__(self, app: Flask, url: str) -> None:
        from redis import Redis
        from rq import Queue

        self.app = app
        self.connection = Redis.from_url(url)
        self.queue = Queue(app.config["JOBS_QUEUE"], connection=self.connection)
        intervals = app.config["JOBS_RETRY_INTERVALS"]
        if isinstance(intervals, str | int):  # from the environment: "10,60,300"
            intervals = str(intervals).split(",")
        self.intervals = [int(x) for x in intervals]

    def push(self, job: Job) -> None:
        from redis.exceptions import RedisError
        from rq import Retry

        retry = Retry(max=job.retries, interval=self.intervals) if job.retries else None
        try:
            self.queue.enqueue(
                run_in_worker,
                job.dumps(),
                job_timeout=job.timeout,
                retry=retry,
                description=job.func,
                result_ttl=0,
                failure_ttl=self.app.config["JOBS_FAILURE_TTL"],
            )
        except RedisError:
            # Redis is down: do the work here rather than lose it (a mail, an export).
            log.exception("Redis refused job %s: running it in this process", job.func)
            InlineQueue(self.app).push(job)


def make_queue(app: Flask) -> JobQueue:
    mode = app.config["JOBS"]
    if mode not in MODES:
        raise ValueError(f"PNYX_JOBS must be one of {', '.join(MODES)}, not {mode!r}")
    url = app.config.get("JOBS_REDIS_URL") or app.config.get("REDIS_URL")
    if mode == "redis" or (mode == "auto" and url):
        if not url:
            raise ValueError("PNYX_JOBS=redis needs PNYX_REDIS_URL")
        return RedisQueue(app, url)
    return InlineQueue(app)


def job_queue(app: Flask | None = None) -> JobQueue:
    """The app's queue (a test may replace ``app.extensions["pnyx.jobs"]``)."""
    app = app or current_app._get_current_object()  # type: ignore[attr-defined]
    return app.extensions[EXTENSION_KEY]


def job(*, retries: int | None = None, timeout: int | None = None) -> Callable[[F], F]:
    """Declare a job's options: ``@api.job(retries=5, timeout=3600)`` above the function."""

    def mark(func: F) -> F:
        options = {"retries": retries, "timeout": timeout}
        func.pnyx_job_options = {k: v for k, v in options.items() if v is not None}  # type: ignore[attr-defined]
        return func

    return mark


def enqueue(func: Callable[..., Any], *args: Any, **kwargs: Any) -> Job:
    """Run ``func(*args, **kwargs)`` in the background, after the current request's commit.

    ``func`` is a module-level function; arguments are JSON values (pass ids, not
    objects). Inside a job it leaves when that job has finished; outside a request
    and a job (a command) it leaves at once.
    """
    locale = str(get_locale()) if has_request_context() and not g.get(IN_JOB) else None
    new = Job.of(func, args, kwargs, base_url=_base_url(), locale=locale)
    pending = g.get(PENDING) if has_app_context() else None
    if pending is not None:
        pending.append(new)
    else:
        job_queue().push(new)
    return new


def _base_url() -> str:
    public = current_app.config.get("PUBLIC_URL") if has_app_context() else None
    if public:
        return str(public).rstrip("/") + "/"
    if has_request_context():
        return request.url_root
    return "http://localhost/"


def run_pending(app: Flask, environ: dict[str, Any]) -> int:
    """Run the inline jobs a finished request left (the server closed its response)."""
    pending: list[Job] = environ.get(ENVIRON_KEY) or []
    ran = 0
    while pending:
        job_queue(app).push(pending.pop(0))
        ran += 1
    return ran


class RunAfterResponse:
    """WSGI middleware: inline jobs run when the server closes the response."""

    def __init__(self, wsgi_app: Callable[..., Iterable[bytes]], app: Flask) -> None:
        self.wsgi_app = wsgi_app
        self.app = app

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        body = self.wsgi_app(environ, start_response)
        if not environ.get(ENVIRON_KEY):
            return body
        return ClosingIterator(body, [lambda: run_pending(self.app, environ)])


def _hold_jobs() -> None:
    # A test client may hand its own list in the environ, to run the jobs itself.
    pending = request.environ.get(ENVIRON_KEY)
    if not isinstance(pending, list):
        pending = request.environ[ENVIRON_KEY] = []
    setattr(g, PENDING, pending)


def _note_status(response: Response) -> Response:
    # The error pages handle exceptions, so teardown sees none: a 5xx tells instead.
    g.pnyx_failed = response.status_code >= 500
    return response


def _release_jobs(exc: BaseException | None) -> None:
    pending: list[Job] | None = g.pop(PENDING, None)
    if not pending:
        return
    queue = job_queue()
    if exc is not None or g.get("pnyx_failed"):
        log.warning("%d job(s) dropped: the request failed", len(pending))
        pending.clear()
    elif not queue.after_response:
        while pending:
            queue.push(pending.pop(0))


def init_jobs(app: Flask) -> None:
    """Choose the queue and hold each request's jobs until it ends.

    Called before the database is set up: teardown functions run in reverse
    order, so jobs are released after the session closed and ``on_event`` ran.
    """
    try:
        app.extensions[EXTENSION_KEY] = make_queue(app)
    except ValueError as error:
        raise StartupError(str(error)) from error
    app.before_request(_hold_jobs)
    app.after_request(_note_status)
    app.teardown_appcontext(_release_jobs)
    app.wsgi_app = RunAfterResponse(app.wsgi_app, app)  # type: ignore[method-assign]
