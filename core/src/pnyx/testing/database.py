"""The test database: which one, its schema, and emptying it between tests.

The schema is created once per database and session with
``Model.metadata.create_all`` (every table of every imported model, core and
plugins), and again when new tables appear (a plugin imported later in the
session). After each test every table that holds rows is emptied with ``DELETE``
in reverse dependency order, and on PostgreSQL its sequences restart. That costs a
few milliseconds, where re-creating the schema would cost a hundred.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, MetaData, create_engine, event, inspect, make_url, text
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.pool import NullPool

from pnyx.models import Model
from pnyx.search import EXTENSIONS, register_sqlite_function

#: Names the database to test on; SQLite in a temporary folder when unset.
ENV_VAR = "PNYX_TEST_DATABASE_URL"
#: PostgreSQL: tests between two vacuums of the tables they emptied (``SharedDatabase.vacuum``).
VACUUM_EVERY = 25


class DatabaseNotEmptiedError(RuntimeError):
    """Emptying the tables after a test failed, most often because a connection is still open."""


def configured_url() -> str | None:
    return os.environ.get(ENV_VAR) or None


def on_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def shown_url(url: str) -> str:
    """``url`` without its password, for messages."""
    return make_url(url).render_as_string(hide_password=True)


def unreachable_reason(url: str) -> str | None:
    """Why the database at ``url`` cannot be used, or ``None`` when it answers."""
    connect_args = {"connect_timeout": 5} if url.startswith("postgresql") else {}
    engine = create_engine(url, connect_args=connect_args)
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as error:  # whatever stops a connection makes the database unusable
        return f"{type(error).__name__}: {str(error).splitlines()[0]}"
    finally:
        engine.dispose()
    return None


def _sqlite_connection_setup(dbapi_connection: Any, _record: Any) -> None:
    # Foreign keys off while emptying tables; WAL like the app's own connections;
    # no fsync: a test database need not survive a power cut.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=OFF")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=OFF")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def kit_engine(url: str) -> Engine:
    """An engine for the kit's own work (schema, emptying), separate from the apps'."""
    if url.startswith("sqlite"):
        engine = create_engine(url)
        event.listen(engine, "connect", _sqlite_connection_setup)
        # Generated search columns call it: creating their tables needs it too.
        event.listen(engine, "connect", register_sqlite_function)
        return engine
    return create_engine(url, pool_size=1, max_overflow=1)


class SharedDatabase:
    """The database every ``app`` fixture of a test session uses."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = kit_engine(url)
        #: Tables known to exist (created by this session's ``create_all``).
        self.created: set[str] = set()
        #: PostgreSQL: tables emptied since the last ``VACUUM``, and how many clears ago.
        self.emptied: set[str] = set()
        self.clears_since_vacuum = 0

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    def wipe(self) -> None:
        """Drop every table (and PostgreSQL enum type) left by an earlier session.

        ``PNYX_TEST_DATABASE_URL`` must name a throwaway database: a schema left
        by an older version of the code would not match the models.
        """
        with self.engine.begin() as connection:
            if self.engine.dialect.name == "postgresql":
                _wipe_postgresql(connection)
            else:
                existing = MetaData()
                existing.reflect(connection)
                existing.drop_all(connection)
        self.created.clear()

    def ensure_schema(self) -> None:
        """Create the tables of every imported model that are not created yet."""
        tables = set(Model.metadata.tables)
        if tables <= self.created:
            return
        Model.metadata.create_all(self.engine)
        self.created |= tables

    def clear(self) -> None:
        """Empty every table this session created."""
        tables = [t for t in reversed(Model.metadata.sorted_tables) if t.name in self.created]
        if not tables:
            return
        try:
            with self.engine.begin() as connection:
                if self.is_sqlite:
                    for table in tables:
                        connection.execute(table.delete())
                else:
                    self.emptied.update(_empty_postgresql(connection, [t.name for t in tables]))
        except OperationalError as error:
            raise DatabaseNotEmptiedError(
                "Could not empty the test database after the test: a connection from the test "
                "is probably still open (close sessions you opened yourself and leave "
                f"`with app.app_context()` blocks). {type(error).__name__}: {error}"
            ) from error
        self.clears_since_vacuum += 1
        if self.clears_since_vacuum >= VACUUM_EVERY:
            self.vacuum()

    def vacuum(self) -> None:
        """PostgreSQL: ``VACUUM (ANALYZE)`` the tables emptied since the last one.

        ``DELETE`` leaves dead rows behind. Over a run of two thousand tests they piled up
        (10 000 in ``users``) and, with tables never analyzed, made the planner expect costly
        plans: slower scans, and queries compiled by the JIT. A vacuum every
        :data:`VACUUM_EVERY` tests gives the pages back and the planner true (empty) counts.
        """
        self.clears_since_vacuum = 0
        names, self.emptied = sorted(self.emptied), set()
        if not names or self.is_sqlite:
            return
        quoted = ", ".join(f'"{name}"' for name in names)
        with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text(f"VACUUM (ANALYZE, SKIP_LOCKED) {quoted}"))

    def dispose(self) -> None:
        self.engine.dispose()


def _wipe_postgresql(connection: Any) -> None:
    names = inspect(connection).get_table_names()
    if names:
        quoted = ", ".join(f'"{name}"' for name in names)
        connection.execute(text(f"DROP TABLE IF EXISTS {quoted} CASCADE"))
    enums = connection.scalars(
        text(
            "SELECT t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace "
            "WHERE t.typtype = 'e' AND n.nspname = current_schema()"
        )
    ).all()
    for name in enums:
        connection.execute(text(f'DROP TYPE IF EXISTS "{name}" CASCADE'))


def _empty_postgresql(connection: Any, names: list[str]) -> list[str]:
    """Empty the tables ``names`` (children before parents), restart the used sequences and
    return the tables that held rows.

    ``DELETE`` of the few rows a test wrote, not ``TRUNCATE``: a ``TRUNCATE`` gives each table
    new files, and with the sequences' ``ALTER … RESTART`` (new files too) it took 0.14 s a
    test, about 10 minutes of a CI run; ``DELETE`` and ``setval`` take about 0.01 s.
    """
    # A test that left a transaction open would make the statements wait forever:
    # fail after a few seconds with a message instead.
    connection.execute(text("SET LOCAL lock_timeout = '5s'"))
    # Only the tables that hold rows (one query to find them).
    probes = " UNION ALL ".join(
        f"SELECT '{name}' FROM (SELECT 1 FROM \"{name}\" LIMIT 1) AS t{i}"
        for i, name in enumerate(names)
    )
    filled = connection.scalars(text(probes)).all()
    try:
        with connection.begin_nested():
            for name in filled:
                connection.execute(text(f'DELETE FROM "{name}"'))
    except IntegrityError:
        # A table the kit does not know refers to one of them: let PostgreSQL follow it.
        quoted = ", ".join(f'"{name}"' for name in filled)
        connection.execute(text(f"TRUNCATE {quoted} CASCADE"))
    # Ids start at 1 in every test, also where a rolled-back insert used one up.
    connection.execute(
        text(
            "SELECT setval(format('%I.%I', schemaname, sequencename)::regclass, 1, false) "
            "FROM pg_sequences WHERE schemaname = current_schema() AND last_value IS NOT NULL"
        )
    )
    return list(filled)


def shared_extensions(connection: Any) -> None:
    """Create the search extensions in ``public`` before any session schema exists.

    Otherwise the first session to need them creates them in its own schema, and its
    ``DROP SCHEMA ... CASCADE`` at the end takes them from every other test process
    (pytest-xdist) still running. An advisory lock keeps two processes from creating them
    at the same moment.
    """
    connection.execute(text("SELECT pg_advisory_xact_lock(hashtext('pnyx_test_extensions'))"))
    for name in EXTENSIONS:
        connection.execute(text(f"CREATE EXTENSION IF NOT EXISTS {name} SCHEMA public"))


def schema_url(base_url: str, schema: str) -> str:
    """``base_url`` whose connections work in ``schema``, do not wait for the disk and
    never compile queries to machine code.

    ``synchronous_commit=off``: a commit returns before its record is flushed to disk, as
    SQLite's ``synchronous=OFF`` in :mod:`pnyx.testing.speed` (a test database need not
    survive a power cut; what other sessions see is unchanged). About a fifth of the time
    of database-heavy tests.

    ``jit=off``: for a test table not analyzed yet the planner guesses from its size, dead
    rows included; a request's joins then looked costly enough for PostgreSQL's JIT,
    which made the signed-in person's query take 57 ms (``EXPLAIN ANALYZE``) for a plan
    whose nodes ran in 0.3 ms. docs/deployment.md says why an instance turns it
    off as well.
    """
    options = f"-csearch_path={schema} -csynchronous_commit=off -cjit=off"
    url = make_url(base_url).update_query_dict({"options": options})
    return url.render_as_string(hide_password=False)


@contextmanager
def session_schema(base_url: str) -> Iterator[str]:
    """A URL of ``base_url``'s PostgreSQL database whose tables go to a schema of their own.

    The kit creates ``pnyx_test_<random>`` for the test session and drops it at
    the end: the database's own tables (an instance's, upgraded with
    ``pnyx db upgrade``) are never touched, and no table made by ``create_all``
    is left behind for the next ``pnyx db upgrade`` to trip on (``relation ...
    already exists``). A run killed before the end leaves its schema: drop it
    with ``DROP SCHEMA pnyx_test_... CASCADE``.
    """
    schema = f"pnyx_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base_url, poolclass=NullPool)
    with admin.begin() as connection:
        shared_extensions(connection)
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield schema_url(base_url, schema)
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


@contextmanager
def fresh_database(base_url: str, folder: Path) -> Iterator[str]:
    """An empty database of the same kind as ``base_url``, for migration tests.

    SQLite: a new file in ``folder``. PostgreSQL: a new schema in the same
    database (``search_path`` set through the URL), dropped afterwards; creating
    a schema needs fewer rights than creating a database.
    """
    url = make_url(base_url)
    if url.get_backend_name() == "sqlite":
        folder.mkdir(parents=True, exist_ok=True)
        yield f"sqlite:///{folder / f'fresh-{uuid.uuid4().hex[:8]}.sqlite3'}"
        return
    schema = f"pnyx_fresh_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base_url, poolclass=NullPool)
    with admin.begin() as connection:
        shared_extensions(connection)
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield schema_url(base_url, schema)
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()
