"""Pooled PostgreSQL connections are pinged only after sitting idle (pnyx.pool_ping), and a
dead idle one is replaced rather than failing the request. PostgreSQL only: SQLite has no
server to lose (the test is skipped without ``PNYX_TEST_DATABASE_URL``)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, text

from pnyx import pool_ping
from pnyx.db import make_engine
from pnyx.testing.database import configured_url


@pytest.fixture
def engine() -> Iterator[Engine]:
    url = configured_url()
    if not url or not url.startswith("postgresql"):
        pytest.skip("PostgreSQL only: set PNYX_TEST_DATABASE_URL")
    made = make_engine(url)
    yield made
    made.dispose()


@pytest.fixture
def pings(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    seen: list[int] = []
    real = engine.dialect.do_ping

    def counted(dbapi_connection: object) -> bool:
        seen.append(1)
        return real(dbapi_connection)

    monkeypatch.setattr(engine.dialect, "do_ping", counted)
    return seen


def backend_pid(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.scalar(text("SELECT pg_backend_pid()")))


def test_a_connection_used_a_moment_ago_is_not_pinged(engine, pings) -> None:
    first = backend_pid(engine)
    for _ in range(5):
        assert backend_pid(engine) == first  # the same pooled connection, each time
    assert pings == []


def test_an_idle_dead_connection_is_replaced(engine, pings, monkeypatch) -> None:
    monkeypatch.setattr(pool_ping, "IDLE_SECONDS", 0.0)  # every return counts as idle
    first = backend_pid(engine)
    other = make_engine(str(engine.url.render_as_string(hide_password=False)))
    try:
        with other.connect() as connection:
            connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": first})
    finally:
        other.dispose()
    second = backend_pid(engine)  # no error: the ping found it dead, a new one was opened
    assert second != first and len(pings) >= 1
