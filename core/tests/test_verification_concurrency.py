"""One identity verifies one account, even when two requests try at the same moment."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select

from pnyx.models import Authorization, AuthorizationConflict, User
from pnyx.verification import store

IDENTITY = "a" * 64


@pytest.fixture
def race(app, monkeypatch):
    """``race(user_ids)``: grant the census identity to each user in its own thread and
    transaction, both reading "nobody holds it" before either writes; the outcomes."""
    database = app.extensions["pnyx.db"]
    if database.is_sqlite:
        pytest.skip("SQLite runs writing transactions one at a time (BEGIN IMMEDIATE)")
    barrier = threading.Barrier(2, timeout=10)
    waited = threading.local()
    real_own_row = store._own_row

    def wait_then_own_row(*args):
        if not getattr(waited, "done", False):
            waited.done = True
            barrier.wait()
        return real_own_row(*args)

    monkeypatch.setattr(store, "_own_row", wait_then_own_row)

    def attempt(user_id: int, outcomes: list[str]) -> None:
        with app.app_context():
            db = database.write_sessionmaker()
            try:
                user = db.get(User, user_id)
                outcome = store.grant_authorization(db, user, "census", unique_id_hash=IDENTITY)
                db.commit()
                outcomes.append(outcome.status)
            finally:
                db.close()

    def run(user_ids: list[int]) -> list[str]:
        outcomes: list[str] = []
        threads = [threading.Thread(target=attempt, args=(i, outcomes)) for i in user_ids]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        return sorted(outcomes)

    return run


def test_two_accounts_at_once_grant_one_and_queue_the_other(race, session, make_user) -> None:
    assert race([make_user().id, make_user().id]) == ["conflict", "granted"]
    assert session.scalar(select(func.count(Authorization.id))) == 1
    assert session.scalar(select(func.count(AuthorizationConflict.id))) == 1


def test_a_double_submit_grants_once_without_conflict(race, session, make_user) -> None:
    user_id = make_user().id
    assert race([user_id, user_id]) == ["granted", "granted"]
    assert session.scalar(select(func.count(Authorization.id))) == 1
    assert session.scalar(select(func.count(AuthorizationConflict.id))) == 0
