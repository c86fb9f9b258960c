"""Twenty parallel submissions by one person make one answer set (SQLite here, PostgreSQL
with PNYX_TEST_DATABASE_URL): the unique constraint decides, not a check in Python.

Each thread has its own test client, hence its own request, application
context and database connection, as browsers hitting a server would.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx.testing.concurrency import post_at_once
from pnyx_surveys.models import Answer, Submission

THREADS = 20


@pytest.fixture
def pnyx_config() -> dict[str, object]:
    return {"PROPAGATE_EXCEPTIONS": False}


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
    answers = [
        {"page": "1", f"q{mode.id}": str(mode.choices[1].id), f"q{remark.id}": f"Tab {number}"}
        for number in range(THREADS)
    ]
    statuses = post_at_once(app, [(ada, path, data) for data in answers])

    assert len(statuses) == THREADS and set(statuses) == {302}  # each told what happened
    submissions = session.scalar(select(func.count()).select_from(Submission))
    texts = session.scalars(select(Answer.text).where(Answer.question_id == remark.id)).all()
    assert submissions == 1
    assert len(texts) == 1  # one answer set: the winner's, complete
