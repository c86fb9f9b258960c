"""Requests fired at the same moment, for tests of what must hold under races.

A test signs people in, then :func:`post_at_once` sends every request from its own client
and thread, all released together by a barrier, and returns the statuses in the order the
requests were given. The test's own session is set aside while the threads run (it is not
thread-safe, and the requests must see only what was committed): use the ``detached``
fixture, or :func:`detached` directly.

    def test_the_last_seat_goes_to_one_person(app, detached, make_user):
        statuses = post_at_once(app, [(make_user(), url, {}) for _ in range(24)])
        assert statuses.count(302) == 1
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any

from flask import Flask
from sqlalchemy.orm import Session

from pnyx.models import User
from pnyx.testing.client import TEST_SESSION, PnyxClient

#: ``(person, path, form data)``: one request of a race; the CSRF token is added.
Request = tuple[User | int, str, Mapping[str, Any]]
#: How long a thread may wait for the others or for its answer, in seconds.
TIMEOUT = 60


@contextmanager
def detached(app: Flask, session: Session) -> Iterator[None]:
    """Commit the test's session and keep it out of the requests until the block ends."""
    session.commit()
    saved = app.extensions.pop(TEST_SESSION, None)
    try:
        yield
    finally:
        if saved is not None:
            app.extensions[TEST_SESSION] = saved
        session.expire_all()


def post_at_once(app: Flask, requests: Sequence[Request]) -> list[int]:
    """POST every request from its own signed-in client, all at the same moment; the
    answers' statuses, in the order of ``requests``. Needs a detached session."""
    clients = []
    for person, _path, _data in requests:
        client: PnyxClient = app.test_client()  # type: ignore[assignment]
        client.sign_in(person)
        client.csrf_token()
        clients.append(client)
    start = threading.Barrier(len(clients), timeout=TIMEOUT)

    def attempt(index: int) -> int:
        _person, path, data = requests[index]
        start.wait()
        return clients[index].post_form(path, data=dict(data)).status_code

    with ThreadPoolExecutor(max_workers=len(clients)) as pool:
        return list(pool.map(attempt, range(len(clients)), timeout=TIMEOUT))
