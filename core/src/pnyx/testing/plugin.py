"""The pytest plugin the core ships (entry point ``pytest11: pnyx``); see docs/testing.md.

Fixtures: ``pnyx_plugins``, ``pnyx_config``, ``database_url``, ``pnyx_database``,
``app``, ``client``, ``session``, ``sign_in``, ``cli_runner``,
``make_organization``, ``make_user``, ``make_space``, ``make_component``,
``outbox`` (the messages sent, :mod:`pnyx.testing.mail`), ``count_queries`` and ``sql_statements``
(SQL statements of a GET, :mod:`pnyx.testing.queries`).
Marker: ``@pytest.mark.pnyx_plugins("hello", ...)``. Ini option: ``pnyx_plugins``.
"""

from __future__ import annotations

import functools
import re
import warnings
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import make_url
from sqlalchemy.orm import Session

from pnyx.app import create_app
from pnyx.db import get_database, get_session
from pnyx.testing import factories
from pnyx.testing.client import TEST_DATABASE, TEST_SESSION, PnyxClient, PnyxCliRunner, sign_in
from pnyx.testing.concurrency import detached
from pnyx.testing.database import (
    ENV_VAR,
    SharedDatabase,
    configured_url,
    on_ci,
    session_schema,
    shown_url,
    unreachable_reason,
)
from pnyx.testing.mail import outbox  # noqa: F401 (a fixture: registered by being here)
from pnyx.testing.queries import count_queries, sql_statements  # noqa: F401 (fixtures, likewise)
from pnyx.testing.speed import entry_points_read_once, speed_up

MARKER = "pnyx_plugins"
SECRET_KEY = "pnyx-test-secret-key-not-for-production"
ROUTE_REPORTS = pytest.StashKey[list[str]]()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addini(
        MARKER,
        "Plugins the pnyx `app` fixture enables when a test has no pnyx_plugins marker "
        "(names separated by spaces or commas).",
        default="",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        f'{MARKER}(*names): plugins the pnyx `app` fixture enables, e.g. {MARKER}("hello").',
    )
    config.stash[ROUTE_REPORTS] = []


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    reports = config.stash.get(ROUTE_REPORTS, [])
    if reports:
        terminalreporter.section("pnyx contract: routes checked")
        for line in reports:
            terminalreporter.line(line)


def split_names(value: str | Iterable[Any]) -> list[str]:
    """Plugin names from ``"a, b c"`` or ``["a", ("b", "c")]``, without duplicates."""
    if isinstance(value, str):
        names = re.split(r"[\s,]+", value)
    else:
        names = [name for item in value for name in split_names(item)]
    return list(dict.fromkeys(name for name in names if name))


# --- Configuration -----------------------------------------------------------


@pytest.fixture
def pnyx_plugins(request: pytest.FixtureRequest) -> list[str]:
    """The plugins to enable: the test's ``pnyx_plugins`` marker, else the ini option, else none.

    Override it in a plugin's ``conftest.py`` to enable the plugin in every test.
    """
    marker = request.node.get_closest_marker(MARKER)
    if marker is not None:
        return split_names(marker.args)
    return split_names(request.config.getini(MARKER))


@pytest.fixture
def pnyx_config() -> dict[str, Any]:
    """Extra configuration for the app (keys without the ``PNYX_`` prefix); override it."""
    return {}


# --- Database ----------------------------------------------------------------


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A SQLite file for the session, or ``PNYX_TEST_DATABASE_URL`` if set (checked once).

    On PostgreSQL the session works in a schema of its own, dropped at the end
    (:func:`~pnyx.testing.database.session_schema`): the database's other tables
    are left as they are. An unreachable database skips the tests that need it,
    except on CI (``CI=true``), where it stops the run with an error.
    """
    url = configured_url()
    if url is None:
        yield f"sqlite:///{tmp_path_factory.mktemp('pnyx-db') / 'test.sqlite3'}"
        return
    reason = unreachable_reason(url)
    if reason is not None:
        message = f"{ENV_VAR}={shown_url(url)} is unreachable: {reason}"
        if on_ci():
            pytest.exit(
                f"{message}. On CI (CI=true) the database must answer: start it or fix the URL.",
                returncode=1,
            )
        pytest.skip(f"{message} (set {ENV_VAR} to a reachable database or unset it)")
    if make_url(url).get_backend_name() == "postgresql":
        with session_schema(url) as schema_url:
            yield schema_url
        return
    yield url  # another database: a throwaway one, wiped when the session starts


@pytest.fixture(scope="session")
def pnyx_database(database_url: str) -> Iterator[SharedDatabase]:
    """The session's database: its schema is created on demand, its tables emptied after
    each test. A database named by ``PNYX_TEST_DATABASE_URL`` is wiped when it starts, except
    on PostgreSQL, where the session has a schema of its own (see ``database_url``)."""
    database = SharedDatabase(database_url)
    backend = make_url(database_url).get_backend_name()
    if configured_url() is not None and backend != "postgresql":
        database.wipe()
    yield database
    database.dispose()


# --- The app and its clients -------------------------------------------------


@pytest.fixture
def app(
    pnyx_plugins: list[str],
    pnyx_config: dict[str, Any],
    database_url: str,
    pnyx_database: SharedDatabase,
    tmp_path: Path,
) -> Iterator[Flask]:
    """A Pnyx app with ``pnyx_plugins`` enabled, on an empty database with every table."""
    config = {
        "PLUGINS": list(pnyx_plugins),
        "DATABASE_URL": database_url,
        "INSTANCE_PATH": str(tmp_path),
        "TESTING": True,
        "SECRET_KEY": SECRET_KEY,
        # Jobs run in the test's process after each response, whatever the environment says.
        "JOBS": "inline",
        **pnyx_config,
    }
    with entry_points_read_once():
        flask_app = create_app(config)
    flask_app.test_client_class = PnyxClient
    flask_app.test_cli_runner_class = PnyxCliRunner
    speed_up(flask_app)
    flask_app.extensions[TEST_DATABASE] = pnyx_database
    pnyx_database.ensure_schema()
    try:
        yield flask_app
    finally:
        engine = get_database(flask_app).engine
        if engine.pool.checkedout():
            warnings.warn(
                f"{engine.pool.checkedout()} database connection(s) of the app were still in "
                "use at the end of the test: close the sessions you open yourself.",
                ResourceWarning,
                stacklevel=1,
            )
        engine.dispose()
        pnyx_database.clear()


@pytest.fixture
def client(app: Flask) -> PnyxClient:
    """``app.test_client()``: a :class:`~pnyx.testing.client.PnyxClient`
    (``post_form``, ``csrf_token``, ``sign_in``, ``sign_out``)."""
    return app.test_client()  # type: ignore[return-value]


@pytest.fixture
def cli_runner(app: Flask) -> PnyxCliRunner:
    """``app.test_cli_runner()``; ``invoke(args=["steps", "activate"])`` runs ``pnyx ...``."""
    return app.test_cli_runner()  # type: ignore[return-value]


@pytest.fixture
def session(app: Flask) -> Iterator[Session]:
    """The app's database session, inside an application context held for the test.

    Requests made with ``client`` (and ``cli_runner`` commands) commit it first
    and expire its objects after. On SQLite its transactions begin deferred, so
    the test's reads never hold the write lock a request needs.
    """
    with app.app_context():
        db_session = get_session()
        database = get_database(app)
        if database.is_sqlite:
            db_session.bind = database.engine
        app.extensions[TEST_SESSION] = db_session
        try:
            yield db_session
        finally:
            app.extensions.pop(TEST_SESSION, None)


@pytest.fixture(name="detached")
def detached_fixture(app: Flask, session: Session) -> Iterator[None]:
    """The test's session committed and set aside, for requests fired from threads
    (:func:`pnyx.testing.concurrency.post_at_once`)."""
    with detached(app, session):
        yield


@pytest.fixture(name="sign_in")
def sign_in_fixture() -> Callable[..., None]:
    """``sign_in(client, user)``: sign a person in on a test client."""
    return sign_in


# --- Factories ---------------------------------------------------------------


@pytest.fixture
def make_organization(session: Session) -> Callable[..., Any]:
    """``make_organization(**fields)``: the organization (fr/en by default)."""
    return functools.partial(factories.create_organization, session)


@pytest.fixture
def make_user(session: Session) -> Callable[..., Any]:
    """``make_user(roles=["admin"], space_roles={space: "moderator"}, **fields)``."""
    return functools.partial(factories.create_user, session)


@pytest.fixture
def make_space(session: Session) -> Callable[..., Any]:
    """``make_space(steps=3, active=0, published=True, **fields)``: a process by default."""
    return functools.partial(factories.create_space, session)


@pytest.fixture
def make_component(session: Session) -> Callable[..., Any]:
    """``make_component(space, "hello", settings=None, **fields)``; the space is optional."""
    return functools.partial(factories.create_component, session)
