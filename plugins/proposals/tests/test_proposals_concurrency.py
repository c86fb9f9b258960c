"""Parallel requests against a real database (SQLite here, PostgreSQL with
PNYX_TEST_DATABASE_URL): supports and limits stay right.

Each thread has its own test client, hence its own request, application
context and database connection, as browsers hitting a server would.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator

import pytest
from flask import Flask
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx.models import StatCounter
from pnyx.testing import PnyxClient
from pnyx.testing.client import TEST_SESSION
from pnyx_proposals import stats
from pnyx_proposals.models import Proposal, Support

THREADS = 24


@pytest.fixture
def pnyx_config() -> dict[str, object]:
    # Flask's test client is not a server: keep each thread's errors visible.
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


def fire(app: Flask, users: list[api.User], path: str) -> list[int]:
    """POST ``path`` once per user, all threads released at the same moment."""
    clients = []
    for user in users:
        client: PnyxClient = app.test_client()  # type: ignore[assignment]
        client.sign_in(user)
        clients.append((client, client.csrf_token()))
    barrier = threading.Barrier(len(clients))
    statuses: list[int] = []
    lock = threading.Lock()

    def run(client: PnyxClient, token: str) -> None:
        barrier.wait()
        status = client.post(path, data={"csrf_token": token}).status_code
        with lock:
            statuses.append(status)

    threads = [threading.Thread(target=run, args=pair) for pair in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return statuses


def test_one_person_many_parallel_clicks_make_one_support(
    app: Flask,
    session: Session,
    url: str,
    add_proposal: Callable[..., Proposal],
    make_user: Callable[..., api.User],
    detached: None,
) -> None:
    proposal = add_proposal("Popular")
    ada = make_user()
    statuses = fire(app, [ada] * THREADS, f"{url}{proposal.id}/support")

    assert len(statuses) == THREADS and set(statuses) == {302}
    rows = session.scalar(select(func.count()).where(Support.proposal_id == proposal.id))
    counter = session.scalar(select(Proposal.supports_count).where(Proposal.id == proposal.id))
    assert (rows, counter) == (1, 1)


def test_many_people_at_once_are_all_counted(
    app: Flask,
    session: Session,
    url: str,
    add_proposal: Callable[..., Proposal],
    make_user: Callable[..., api.User],
    detached: None,
) -> None:
    proposal = add_proposal("Popular")
    people = [make_user() for _ in range(THREADS)]
    statuses = fire(app, people, f"{url}{proposal.id}/support")

    assert set(statuses) == {302}
    rows = session.scalar(select(func.count()).where(Support.proposal_id == proposal.id))
    counter = session.scalar(select(Proposal.supports_count).where(Proposal.id == proposal.id))
    assert rows == counter == THREADS


def test_the_per_person_limit_holds_under_parallel_requests(
    app: Flask,
    session: Session,
    url: str,
    component: api.Component,
    add_proposal: Callable[..., Proposal],
    make_user: Callable[..., api.User],
    set_settings: Callable[..., None],
) -> None:
    set_settings(global_={"support_limit": 3})
    proposals = [add_proposal(f"Proposal {n}") for n in range(THREADS)]
    ada = make_user()
    client: PnyxClient = app.test_client()  # type: ignore[assignment]
    client.sign_in(ada)
    token = client.csrf_token()
    session.commit()
    saved = app.extensions.pop(TEST_SESSION)
    barrier = threading.Barrier(len(proposals))

    def run(proposal_id: int) -> None:
        own: PnyxClient = app.test_client()  # type: ignore[assignment]
        own.sign_in(ada)
        with own.session_transaction() as cookie:
            cookie["csrf_token"] = token
        barrier.wait()
        own.post(f"{url}{proposal_id}/support", data={"csrf_token": token})

    try:
        threads = [threading.Thread(target=run, args=(p.id,)) for p in proposals]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    finally:
        app.extensions[TEST_SESSION] = saved
    mine = select(func.count()).where(Support.user_id == ada.id)
    total = select(func.sum(Proposal.supports_count)).where(Proposal.component_id == component.id)
    assert session.scalar(mine) == 3
    assert session.scalar(total) == 3


def test_the_proposal_limit_holds_under_parallel_publishing(
    app: Flask,
    session: Session,
    url: str,
    component: api.Component,
    add_proposal: Callable[..., Proposal],
    make_user: Callable[..., api.User],
    set_settings: Callable[..., None],
) -> None:
    set_settings(global_={"proposal_limit": 2})
    ada = make_user()
    drafts = [add_proposal(f"Draft {n}", author=ada, published=False) for n in range(12)]
    session.commit()
    saved = app.extensions.pop(TEST_SESSION)
    barrier = threading.Barrier(len(drafts))

    def run(draft_id: int) -> None:
        own: PnyxClient = app.test_client()  # type: ignore[assignment]
        own.sign_in(ada)
        token = own.csrf_token()
        barrier.wait()
        own.post(f"{url}{draft_id}/publish", data={"csrf_token": token})

    try:
        threads = [threading.Thread(target=run, args=(d.id,)) for d in drafts]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    finally:
        app.extensions[TEST_SESSION] = saved
    published = select(func.count()).where(
        Proposal.author_id == ada.id, Proposal.published_at.is_not(None)
    )
    assert session.scalar(published) == 2


def test_stored_figures_equal_a_recount_after_parallel_supports_and_views(
    app: Flask,
    session: Session,
    url: str,
    component: api.Component,
    add_proposal: Callable[..., Proposal],
    make_user: Callable[..., api.User],
    detached: None,
) -> None:
    """Supports and space-page views at once, each view asking for a recount (no debounce):
    recounts are serialized and read the log's high-water mark first, so the last view
    after the burst leaves figures that count every support."""
    app.config["STATS_DEBOUNCE_SECONDS"] = 0
    page = f"/spaces/{component.space.slug}"
    proposals = [add_proposal(f"Proposal {n}") for n in range(3)]
    people = [make_user() for _ in range(THREADS)]
    clients = []
    for person in people:
        client: PnyxClient = app.test_client()  # type: ignore[assignment]
        client.sign_in(person)
        clients.append((client, client.csrf_token()))
    barrier = threading.Barrier(len(clients))

    def run(n: int) -> None:
        client, token = clients[n]
        barrier.wait()
        path = f"{url}{proposals[n % 3].id}/support"
        assert client.post(path, data={"csrf_token": token}).status_code == 302
        assert client.get(page).status_code == 200

    threads = [threading.Thread(target=run, args=(n,)) for n in range(len(clients))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert clients[0][0].get(page).status_code == 200  # the view after the burst

    session.commit()
    rows = session.scalars(select(StatCounter).where(StatCounter.component_id == component.id))
    figures = {row.name: row.value for row in rows}
    recount = {stat.name: stat.compute(session, component) for stat in stats.STATS}
    assert figures["proposals_supports"] == THREADS
    assert figures == recount
