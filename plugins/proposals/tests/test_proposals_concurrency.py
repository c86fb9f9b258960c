"""Parallel requests against a real database (SQLite here, PostgreSQL with
PNYX_TEST_DATABASE_URL): supports and limits stay right.

Each thread has its own test client, hence its own request, application
context and database connection, as browsers hitting a server would.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from flask import Flask
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx.models import StatCounter
from pnyx.testing import PnyxClient
from pnyx.testing.concurrency import post_at_once
from pnyx_proposals import stats
from pnyx_proposals.models import Proposal, Support

THREADS = 24


@pytest.fixture
def pnyx_config() -> dict[str, object]:
    # Flask's test client is not a server: keep each thread's errors visible.
    return {"PROPAGATE_EXCEPTIONS": False}


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
    statuses = post_at_once(app, [(ada, f"{url}{proposal.id}/support", {})] * THREADS)

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
    statuses = post_at_once(app, [(p, f"{url}{proposal.id}/support", {}) for p in people])

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
    detached: None,
) -> None:
    set_settings(global_={"support_limit": 3})
    proposals = [add_proposal(f"Proposal {n}") for n in range(THREADS)]
    ada = make_user()
    session.commit()
    post_at_once(app, [(ada, f"{url}{p.id}/support", {}) for p in proposals])
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
    detached: None,
) -> None:
    set_settings(global_={"proposal_limit": 2})
    ada = make_user()
    drafts = [add_proposal(f"Draft {n}", author=ada, published=False) for n in range(12)]
    session.commit()
    post_at_once(app, [(ada, f"{url}{d.id}/publish", {}) for d in drafts])
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
