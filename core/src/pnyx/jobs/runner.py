"""What a job is, and how one runs: the same code inline and in ``pnyx worker``.

A job is a module-level function named by its dotted path, with JSON arguments
(checked when it is enqueued, so a test running jobs inline catches an ORM
object passed by mistake just as Redis would), plus the base URL of the request
that enqueued it. Running one pushes a fresh application context and a request
context for that URL, and marks ``g`` so that the database session writes.
"""

from __future__ import annotations

import contextlib
import contextvars
import importlib
import json
import os
from collections.abc import Callable
from typing import Any

import attrs
from flask import Flask, g, has_request_context
from flask_babel import force_locale

#: ``g`` flag: the current context runs a job (its session writes; enqueue runs at once).
IN_JOB = "pnyx_in_job"
DEFAULT_RETRIES = 3
DEFAULT_TIMEOUT = 600

_last_attempt: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "pnyx_last_attempt", default=True
)


@attrs.frozen
class Job:
    """One call to run in the background."""

    func: str
    args: tuple[Any, ...] = ()
    kwargs: dict[str, Any] = attrs.field(factory=dict)
    base_url: str = "http://localhost/"
    #: The language of the request that enqueued it: the job's messages speak it.
    locale: str | None = None
    retries: int = DEFAULT_RETRIES
    timeout: int = DEFAULT_TIMEOUT

    @classmethod
    def of(
        cls, func: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any], **more: Any
    ) -> Job:
        """A job calling ``func``; refuses what a worker could not import or decode."""
        name = dotted_name(func)
        payload = json.dumps([list(args), kwargs])  # raises TypeError on non-JSON values
        args_back, kwargs_back = json.loads(payload)
        options = getattr(func, "pnyx_job_options", {})
        return cls(func=name, args=tuple(args_back), kwargs=kwargs_back, **{**options, **more})

    def dumps(self) -> str:
        return json.dumps(attrs.asdict(self))

    @classmethod
    def loads(cls, text: str) -> Job:
        data = json.loads(text)
        data["args"] = tuple(data["args"])
        return cls(**data)


def dotted_name(func: Callable[..., Any]) -> str:
    module = getattr(func, "__module__", None)
    qualname = getattr(func, "__qualname__", "")
    if not module or "<" in qualname or module == "__main__":
        raise ValueError(f"a job must be a module-level function a worker can import, not {func!r}")
    return f"{module}:{qualname}"


def resolve(name: str) -> Callable[..., Any]:
    module_name, _colon, qualname = name.partition(":")
    target: Any = importlib.import_module(module_name)
    for part in qualname.split("."):
        target = getattr(target, part)
    return target


def in_job() -> bool:
    """Whether this code runs in a job: it has a request context (for links) but nobody is
    reading, so "may the person reading see this?" has no answer there."""
    return has_request_context() and bool(g.get(IN_JOB))


def last_attempt() -> bool:
    """Whether the running job will not be tried again if it fails (always true inline)."""
    return _last_attempt.get()


def execute(app: Flask, job: Job, *, last: bool = True) -> Any:
    """Run ``job`` for ``app`` in a fresh application and request context."""
    from pnyx.jobs.queues import PENDING, job_queue

    func = resolve(job.func)
    token = _last_attempt.set(last)
    # Jobs this job enqueues leave once it has finished and closed its session (a nested
    # inline job would otherwise wait for this one's SQLite write lock).
    pending: list[Job] = []
    try:
        with app.app_context(), app.test_request_context(base_url=job.base_url):
            setattr(g, IN_JOB, True)
            setattr(g, PENDING, pending)
            with force_locale(job.locale) if job.locale else contextlib.nullcontext():
                result = func(*job.args, **job.kwargs)
    finally:
        _last_attempt.reset(token)
    queue = job_queue(app)
    while pending:
        queue.push(pending.pop(0))
    return result


# The app of a ``pnyx worker`` process; RQ calls :func:`run_in_worker` with a payload.
_worker: dict[str, Any] = {}


def set_worker_app(app: Flask) -> None:
    _worker["app"] = app
    _worker["pid"] = os.getpid()


def run_in_worker(payload: str) -> Any:
    """RQ's entry point: decode the job and run it for the worker's app."""
    from pnyx.db import get_database

    app: Flask = _worker["app"]
    if os.getpid() != _worker["pid"]:
        # A forked work-horse must not share the parent's pooled connections.
        get_database(app).engine.dispose(close=False)
        _worker["pid"] = os.getpid()
    from rq import get_current_job

    current = get_current_job()
    retries_left = current.retries_left if current is not None else None
    return execute(app, Job.loads(payload), last=not retries_left)
