"""One process, many threads (gunicorn's ``gthread`` workers, docs/deployment.md): each
request keeps its own person, session and per-request caches.

Everything a request knows lives in its application context (``g``: the database
session, the signed-in person, their space roles); what a process keeps across requests
is read-only after start-up or behind a lock (settings schemas, rate limits). These
requests run at the same moment from threads of one app, each signed in as someone else,
half of them space admins of an unpublished space: each must see its own name, and the
space's component exactly when it is theirs to see.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from pnyx.testing import PnyxClient, install_plugins

pytestmark = pytest.mark.pnyx_plugins("toolkitdemo")
THREADS, ROUNDS = 8, 5


@pytest.fixture(autouse=True)
def toolkit_plugin(monkeypatch: pytest.MonkeyPatch) -> None:
    folder = Path(__file__).parent / "toolkit_plugin"
    install_plugins(monkeypatch, {"toolkitdemo": "pnyx_toolkitdemo.plugin"}, path=folder)


def test_threads_of_one_process_keep_their_own_person_and_roles(
    app, make_user, make_space, make_component, request
) -> None:
    space = make_space(published=False)
    component = make_component(space, "toolkitdemo")
    url = f"/spaces/{space.slug}/toolkitdemo/{component.id}/items"
    people = [
        make_user(name=f"Person {n}", space_roles={space: "admin"} if n % 2 else {})
        for n in range(THREADS)
    ]
    clients = []
    for person in people:
        client: PnyxClient = app.test_client()  # type: ignore[assignment]
        client.sign_in(person)
        clients.append(client)
    request.getfixturevalue("detached")  # the test's session set aside: threads share none
    start = threading.Barrier(THREADS, timeout=60)

    def browse(index: int) -> list[tuple[bool, int]]:
        start.wait()
        seen = []
        for _round in range(ROUNDS):
            page = clients[index].get("/")
            component_page = clients[index].get(url)
            names = [n for n in range(THREADS) if f"Person {n}<" in page.text]
            seen.append((names == [index], component_page.status_code))
        return seen

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        results = list(pool.map(browse, range(THREADS), timeout=120))
    for index, seen in enumerate(results):
        expected_status = 200 if index % 2 else 404
        assert seen == [(True, expected_status)] * ROUNDS, (index, seen)
