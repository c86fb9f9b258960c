"""Two co-writers save the same version of a draft at the same moment (SQLite here,
PostgreSQL with PNYX_TEST_DATABASE_URL): one save wins, the other is told, with its text
kept; no update is lost and the history has no gap or double."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx.testing import PnyxClient
from pnyx.testing.client import TEST_SESSION
from pnyx_proposals.drafts import writing
from pnyx_proposals.drafts.models import DraftCollaborator, DraftRevision

WRITERS = 6


@pytest.fixture
def pnyx_config() -> dict[str, object]:
    return {"PROPAGATE_EXCEPTIONS": False}


def test_simultaneous_saves_of_one_version_lose_nothing(
    app: Flask,
    session: Session,
    url: str,
    component: api.Component,
    set_settings: Callable[..., None],
    make_user: Callable[..., api.User],
) -> None:
    set_settings(global_={"collaborative_drafts_enabled": True})
    people = [make_user(name=f"Writer {n}") for n in range(WRITERS)]
    with app.test_request_context():
        draft = writing.start(
            session, component, people[0], "A shared text", "The first version of the text."
        )
        session.flush()
        for person in people[1:]:
            session.add(DraftCollaborator(draft_id=draft.id, user_id=person.id, status="accepted"))
        session.commit()
    draft_id = draft.id
    session.commit()
    saved = app.extensions.pop(TEST_SESSION)
    clients = []
    for person in people:
        client: PnyxClient = app.test_client()  # type: ignore[assignment]
        client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
        client.sign_in(person)
        clients.append((person, client, client.csrf_token()))
    barrier = threading.Barrier(len(clients))
    results: dict[str, tuple[int, str]] = {}
    lock = threading.Lock()

    def run(person: api.User, client: PnyxClient, token: str) -> None:
        body = f"The text as {person.name} wrote it, from version one."
        barrier.wait()
        response = client.post(
            f"{url}drafts/{draft_id}/edit",
            data={"csrf_token": token, "title": "A shared text", "body": body, "version": "1"},
        )
        with lock:
            results[body] = (response.status_code, response.text)

    threads = [threading.Thread(target=run, args=triple) for triple in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    app.extensions[TEST_SESSION] = saved
    session.expire_all()

    statuses = sorted(status for status, _text in results.values())
    assert statuses == [302] + [409] * (WRITERS - 1)
    [winner] = [body for body, (status, _text) in results.items() if status == 302]
    for body, (status, text) in results.items():
        if status == 409:
            assert body in text  # the loser's text comes back in the form
            assert "while you were editing" in text
    revisions = session.scalars(
        select(DraftRevision).where(DraftRevision.draft_id == draft_id).order_by("number")
    ).all()
    assert [r.number for r in revisions] == [1, 2]
    assert revisions[-1].body == winner
