"""Up/down votes: one per person, database-enforced, right under parallel requests
(SQLite here; PostgreSQL with PNYX_TEST_DATABASE_URL)."""

from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from pnyx import api
from pnyx.testing.concurrency import post_at_once
from pnyx_comments.models import Comment, Vote

THREADS = 20


@pytest.fixture
def pnyx_config() -> dict[str, object]:
    return {"PROPAGATE_EXCEPTIONS": False}


@pytest.fixture
def comment_id(add_comments, make_user) -> int:
    return add_comments(1, make_user(email="author2@example.test"), replies=False)[0]


def counters(session: Session, comment_id: int) -> tuple[int, int, int]:
    session.expire_all()
    rows = session.scalar(select(func.count()).where(Vote.comment_id == comment_id))
    comment = session.get(Comment, comment_id)
    assert comment is not None
    return rows or 0, comment.up_votes, comment.down_votes


def test_a_vote_changes_and_is_taken_back(client, make_user, comment_id, session) -> None:
    client.sign_in(make_user(email="v@example.test"))
    url = f"/comments/{comment_id}/vote"
    assert client.post_form(url, {"value": "up"}).status_code == 302
    assert client.post_form(url, {"value": "up"}).status_code == 302
    assert counters(session, comment_id) == (1, 1, 0)
    client.post_form(url, {"value": "down"})
    assert counters(session, comment_id) == (1, 0, 1)
    client.post_form(url, {"value": "clear"})
    assert counters(session, comment_id) == (0, 0, 0)
    assert client.post_form(url, {"value": "sideways"}).status_code == 400


def test_authors_do_not_vote_on_their_own_comment(client, session, comment_id) -> None:
    comment = session.get(Comment, comment_id)
    client.sign_in(comment.author)
    assert client.post_form(f"/comments/{comment_id}/vote", {"value": "up"}).status_code == 400


def test_the_database_refuses_a_second_vote(session, comment_id, make_user) -> None:
    voter = make_user(email="v@example.test")
    session.add(Vote(comment_id=comment_id, user_id=voter.id, value=1))
    session.commit()
    session.add(Vote(comment_id=comment_id, user_id=voter.id, value=-1))
    with pytest.raises(IntegrityError):
        session.commit()
    session.rollback()


def test_twenty_parallel_votes_of_one_person_make_one_vote(
    app: Flask, session: Session, comment_id: int, make_user, detached: None
) -> None:
    voter: api.User = make_user(email="v@example.test")
    session.commit()
    vote = (voter, f"/comments/{comment_id}/vote", {"value": "up"})
    statuses = post_at_once(app, [vote] * THREADS)
    assert len(statuses) == THREADS and set(statuses) == {302}
    assert counters(session, comment_id) == (1, 1, 0)
