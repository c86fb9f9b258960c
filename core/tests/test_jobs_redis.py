"""Background jobs on a real Redis with real ``pnyx worker`` processes: the queue, mail
retries, failures kept, and a worker killed with SIGKILL in the middle of a delivery."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

from pnyx.jobs import RedisQueue, enqueue, job_queue
from pnyx.mail_delivery import deliver_mail
from pnyx.models import OutgoingMail
from pnyx.testing.database import on_ci

SAMPLES = Path(__file__).parent / "job_samples"
sys.path.insert(0, str(SAMPLES))
import sample_jobs  # noqa: E402 (a module the worker imports by name)

REDIS_URL = os.environ.get("PNYX_TEST_REDIS_URL", "redis://127.0.0.1:6379/1")
SIGN_UP = {
    "email": "ada@example.org",
    "name": "Ada Lovelace",
    "password": "correct horse battery staple",
    "terms": "yes",
}


def redis_or_skip() -> None:
    from redis import Redis
    from redis.exceptions import RedisError

    try:
        Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except RedisError as error:
        if on_ci():
            pytest.fail(f"Redis at {REDIS_URL} is unreachable on CI: {error}")
        pytest.skip(f"Redis at {REDIS_URL} is unreachable: {error}")


@pytest.fixture
def queue_name() -> Iterator[str]:
    redis_or_skip()
    name = f"pnyx-test-{uuid.uuid4().hex[:8]}"
    yield name
    from redis import Redis
    from rq import Queue

    Queue(name, connection=Redis.from_url(REDIS_URL)).delete(delete_jobs=True)


@pytest.fixture
def pnyx_config(queue_name: str) -> dict[str, Any]:
    return {
        "JOBS": "redis",
        "JOBS_REDIS_URL": REDIS_URL,  # rate limits stay in memory: tests do not share them
        "JOBS_QUEUE": queue_name,
        "JOBS_RETRY_INTERVALS": "0",
    }


@pytest.fixture
def worker_env(app: Flask, database_url: str, tmp_path: Path, queue_name: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PNYX_")}
    env.update(
        PNYX_DATABASE_URL=database_url,
        PNYX_INSTANCE_PATH=str(tmp_path),
        PNYX_SECRET_KEY=app.config["SECRET_KEY"],
        PNYX_JOBS_REDIS_URL=REDIS_URL,
        PNYX_JOBS_QUEUE=queue_name,
        PNYX_JOBS_RETRY_INTERVALS="0",
        PYTHONPATH=os.pathsep.join([str(SAMPLES), env.get("PYTHONPATH", "")]),
    )
    return env


def worker_command(*args: str) -> list[str]:
    return [sys.executable, "-c", "from pnyx.cli import main; main()", "worker", *args]


def run_burst(env: dict[str, str]) -> None:
    result = subprocess.run(
        worker_command("--burst"), env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr


def mails(session) -> list[OutgoingMail]:
    session.commit()  # a new transaction: see what the worker committed since
    session.expire_all()
    return list(session.scalars(select(OutgoingMail)))


def test_jobs_wait_in_redis_until_a_worker_runs_them(
    app: Flask, client, make_organization, worker_env, tmp_path: Path
) -> None:
    make_organization()
    queue = job_queue(app)
    assert isinstance(queue, RedisQueue)
    notes = tmp_path / "notes.txt"
    with app.app_context():
        enqueue(sample_jobs.note, str(notes), "ran in the worker")

    assert client.post_form("/sign-up", SIGN_UP).status_code == 302

    assert queue.queue.count == 2 and not notes.exists()
    assert not (tmp_path / "outbox").exists()  # the request sent nothing itself
    run_burst(worker_env)
    assert notes.read_text() == "ran in the worker\n"
    [message] = (tmp_path / "outbox").glob("*.eml")
    assert "To: ada@example.org" in message.read_text()
    assert queue.queue.count == 0


def test_a_mail_that_keeps_failing_is_retried_then_kept_for_admins(
    app: Flask, client, session, make_organization, worker_env
) -> None:
    make_organization()
    assert client.post_form("/sign-up", SIGN_UP).status_code == 302
    closed_port = free_port()  # nothing listens: every attempt is refused

    env = {**worker_env, "PNYX_MAIL_SMTP_HOST": "127.0.0.1"}
    run_burst({**env, "PNYX_MAIL_SMTP_PORT": str(closed_port)})

    [kept] = mails(session)
    assert (kept.status, kept.attempts) == ("failed", 6)  # the first try and 5 retries
    assert "ConnectionRefusedError" in (kept.last_error or "")


def test_a_worker_killed_mid_delivery_is_rerun_and_sends_once(
    app: Flask, client, session, make_organization, worker_env, tmp_path: Path
) -> None:
    make_organization()
    hung = socket.socket()  # an SMTP server that accepts and never answers
    hung.bind(("127.0.0.1", 0))
    hung.listen(8)
    port = hung.getsockname()[1]
    assert client.post_form("/sign-up", SIGN_UP).status_code == 302
    env = {**worker_env, "PNYX_MAIL_SMTP_HOST": "127.0.0.1", "PNYX_MAIL_SMTP_PORT": str(port)}
    worker = subprocess.Popen(
        worker_command(), env=env, start_new_session=True, stderr=subprocess.DEVNULL
    )
    try:
        # Mid-delivery: the attempt is counted and the SMTP server holds it (the row is
        # written "sending" with its first attempt counted, in one INSERT, just before).
        wait_for(lambda: [(m.status, m.attempts) for m in mails(session)] == [("sending", 1)])
    finally:
        os.killpg(worker.pid, signal.SIGKILL)  # the worker and its work-horse, mid-delivery
        worker.wait(timeout=30)
        hung.close()
    queue = job_queue(app)
    assert isinstance(queue, RedisQueue)
    # RQ re-runs a job whose worker stopped sending heartbeats (after about a minute):
    # look at the registry as it will be then, instead of waiting.
    queue.queue.started_job_registry.cleanup(timestamp=time.time() + 3600)

    run_burst(worker_env)  # SMTP is back (here: the outbox folder)

    [sent] = mails(session)
    assert (sent.status, sent.attempts) == ("sent", 2)
    assert len(list((tmp_path / "outbox").glob("*.eml"))) == 1
    # The same job once more (a duplicate delivery by the queue): nothing is sent twice.
    with app.app_context():
        enqueue(deliver_mail, sent.message, sent.template)
    run_burst(worker_env)
    assert len(list((tmp_path / "outbox").glob("*.eml"))) == 1
    assert [(m.status, m.attempts) for m in mails(session)] == [("sent", 2)]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(condition: Any, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the worker never started the job"
        time.sleep(0.2)
