"""Engine and session handling, without Flask-SQLAlchemy.

Each app owns one engine and one session factory (``app.extensions["pnyx.db"]``).
Requests and CLI commands get one session per application context through
:func:`get_session`; it is closed when the context ends. Nothing is global
except the declarative metadata.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, current_app, g, has_request_context, request
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from pnyx.events import dispatch_committed, watch_session
from pnyx.jobs.runner import IN_JOB
from pnyx.pool_ping import ping_idle_connections
from pnyx.search import register_sqlite_function
from pnyx.settings import watch_settings

WRITE_OPTION = "pnyx_writes"
READ_ONLY_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # WAL lets readers run while one writer writes; foreign keys are off by
    # default in SQLite; the busy timeout makes a second writer wait instead of
    # failing at once.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def _sqlite_begin(conn: Any) -> None:
    # Writing sessions take the write lock when their transaction begins, so
    # check-then-write code (budget limits, meeting capacity) cannot interleave
    # on SQLite; reading sessions stay deferred so page views run in parallel.
    immediate = conn.get_execution_options().get(WRITE_OPTION)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def make_engine(url: str) -> Engine:
    """Create an engine; SQLite gets WAL, foreign keys and serialized writes."""
    if not url.startswith("sqlite"):
        engine = create_engine(url)
        ping_idle_connections(engine)  # not every checkout: pnyx.pool_ping
        return engine
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 10})
    event.listen(engine, "connect", _sqlite_pragmas)
    # Accent- and case-insensitive search (pnyx.search).
    event.listen(engine, "connect", register_sqlite_function)

    @event.listens_for(engine, "connect")
    def _no_pysqlite_begin(dbapi_connection: Any, _record: Any) -> None:
        # pysqlite's own BEGIN handling would defeat BEGIN IMMEDIATE below.
        dbapi_connection.isolation_level = None

    event.listen(engine, "begin", _sqlite_begin)
    return engine


class Database:
    """The app's engine and session factory."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        self.sessionmaker = sessionmaker(self.engine, expire_on_commit=False)
        self.write_sessionmaker = sessionmaker(
            self.engine.execution_options(**{WRITE_OPTION: True}), expire_on_commit=False
        )
        # once on the factories, not on each session: listening cost more than a query
        for factory in (self.sessionmaker, self.write_sessionmaker):
            watch_session(factory)
            watch_settings(factory)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"


def init_db(app: Flask, url: str) -> Database:
    database = Database(url)
    app.extensions["pnyx.db"] = database
    app.teardown_appcontext(_close_session)
    return database


def get_database(app: Flask | None = None) -> Database:
    return (app or current_app).extensions["pnyx.db"]


def get_session() -> Session:
    """The session of the current application context (created on first use).

    Outside GET requests the session writes: on SQLite its transactions begin
    with ``BEGIN IMMEDIATE``; on PostgreSQL use ``SELECT ... FOR UPDATE``.
    """
    if "pnyx_session" not in g:
        database = get_database()
        writes = (
            not has_request_context()
            or request.method not in READ_ONLY_METHODS
            or bool(g.get(IN_JOB))
        )
        factory = database.write_sessionmaker if writes else database.sessionmaker
        g.pnyx_session = factory()  # its events are the factory's (Database)
    return g.pnyx_session


def end_session() -> None:
    """End the current context's session now (events of its commits dispatched, its
    transaction rolled back): for a command that goes on running, such as ``pnyx demo``."""
    _close_session(None)


def _close_session(_exc: BaseException | None) -> None:
    session = g.get("pnyx_session")
    if session is None:
        return
    try:
        dispatch_committed(session)
    finally:
        g.pop("pnyx_session", None)
        session.close()
