"""Twenty parallel submissions by one person make one answer set (SQLite here, PostgreSQL
with PNYX_TEST_DATABASE_URL): the unique constraint decides, not a check in Python.

Each thread has its own test client, hence its own request, application
context and database connection, as browsers hitting a server would.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx.testing import PnyxClient
from pnyx.testing.client import TEST_SESSION
from pnyx_surveys.models import Answer, Submission

THREADS = 20


@pytest.fixture
def pnyx_config() -> dict[str, object]:
    return {"PROPAGATE_EXCEPTIONS": False}


@pytest.fixture
def detached(app: Flask, session: Session) -> Iterator[None]:
    """The threads' requests must not touch the test's own session (not thread-safe)."""
    session.commit()
    saved = app.extensions.pop(TEST_SESSION)
    try:
        yield
    finally:
        app.extensions[TEST_SESSION] = saved
        session.expire_all()


def test_twenty_parallel_submissions_by_one_person_make_one_answer_set(
    app: Flask,
    session: Session,
    make_user: Callable[..., api.User],
    urls: Callable[..., str],
    conditional_survey: dict[str, Any],
    detached: None,
) -> None:
    mode, remark = conditional_survey["mode"], conditional_survey["remark"]
    ada = make_user()
    path = urls("surveys.answer")
    clients = []
    for _ in range(THREADS):
        client: PnyxClient = app.test_client()  # type: ignore[assignment]
        client.sign_in(ada)
        clients.append((client, client.csrf_token()))
    barrier = threading.Barrier(THREADS)
    statuses: list[int] = []
    lock = threading.Lock()

    def run(client: PnyxClient, token: str, number: int) -> None:
        data = {
            "csrf_token": token,
            "page": "1",
            f"q{mode.id}": str(mode.choices[1].id),
            f"q{remark.id}": f"Tab {number}",
        }
        barrier.wait()
        status = client.post(path, data=data).status_code
        with lock:
            statuses.append(status)

    threads = [
        threading.Thread(target=run, args=(*pair, number)) for number, pair in enumerate(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert len(statuses) == THREADS and set(statuses) == {302}  # each told what happened
    submissions = session.scalar(select(func.count()).select_from(Submission))
    texts = session.scalars(select(Answer.text).where(Answer.question_id == remark.id)).all()
    assert submissions == 1
    assert len(texts) == 1  # one answer set: the winner's, complete
