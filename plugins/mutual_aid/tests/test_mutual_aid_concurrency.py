"""Parallel requests against a real database (SQLite here, PostgreSQL with
PNYX_TEST_DATABASE_URL): two helpers answering the same request at once each get a
conversation, one helper clicking twice gets one, and "help was found" twice is one change.

Each thread has its own test client, hence its own request, application context and database
connection, as browsers hitting a server would.
"""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pnyx.models import ActionLog
from pnyx.testing.concurrency import post_at_once
from pnyx_mutual_aid.models import AidConversation, AidMessage


@pytest.fixture
def pnyx_config() -> dict[str, object]:
    # Flask's test client is not a server: keep each thread's errors visible.
    return {"PROPAGATE_EXCEPTIONS": False}


def count(session: Session, model: type) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


def test_two_helpers_at_once_both_get_a_conversation(
    app, session, url, make_user, make_post, detached
) -> None:
    post = make_post(make_user())
    helpers = [make_user(), make_user()]
    body = {"body": "I can do it on Thursday."}
    statuses = post_at_once(
        app, [(helper, url + f"posts/{post.id}/contact", body) for helper in helpers]
    )
    assert statuses == [302, 302]
    conversations = list(session.scalars(select(AidConversation)))
    assert sorted(c.responder_id for c in conversations) == sorted(h.id for h in helpers)
    assert count(session, AidMessage) == 2


def test_one_helper_clicking_twice_gets_one_conversation(
    app, session, url, make_user, make_post, detached
) -> None:
    post = make_post(make_user())
    helper = make_user()
    # Sent without the form's one-time token (a script; test_mutual_aid_messages_sent_once
    # sends it): two messages, in one conversation all the same.
    body = {"body": "I can do it on Thursday."}
    statuses = post_at_once(app, [(helper, url + f"posts/{post.id}/contact", body)] * 2)
    assert statuses == [302, 302]
    assert count(session, AidConversation) == 1
    assert count(session, AidMessage) == 2


def test_marking_matched_twice_at_once_is_one_change(
    app, session, url, make_user, make_post, detached
) -> None:
    author = make_user()
    post = make_post(author)
    path = url + f"posts/{post.id}/status"
    statuses = post_at_once(app, [(author, path, {"status": "matched"})] * 2)
    assert statuses == [302, 302]
    session.refresh(post)
    assert post.status == "matched"
    logged = select(func.count()).where(ActionLog.action == "mutual_aid.post_matched")
    assert session.scalar(logged.select_from(ActionLog)) == 1
