"""On PostgreSQL the test kit works in a schema of its own and leaves the database as it was,
so the next ``pnyx db upgrade`` of that database works (issue 24, item 4)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from pnyx.testing.database import ENV_VAR, VACUUM_EVERY, SharedDatabase

URL = os.environ.get(ENV_VAR, "")
pytestmark = pytest.mark.skipif(
    not URL.startswith("postgresql"), reason=f"needs {ENV_VAR} naming a PostgreSQL database"
)
pytest_plugins = ["pytester"]


def tables_and_schemas(engine: sa.Engine) -> tuple[set[str], set[str]]:
    with engine.connect() as connection:
        tables = set(sa.inspect(connection).get_table_names())
        schemas = set(connection.scalars(sa.text("SELECT nspname FROM pg_namespace")).all())
    return tables, schemas


@pytest.fixture
def probe_url(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A database of its own for the inner run: another test process of this session (under
    pytest-xdist) has its own kit schema in the shared database, which would blur the check."""
    name = f"kit_probe_{uuid.uuid4().hex[:10]}"
    server = sa.create_engine(URL, poolclass=NullPool, isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    url = make_url(URL).set(database=name).render_as_string(hide_password=False)
    monkeypatch.setenv(ENV_VAR, url)
    try:
        yield url
    finally:
        with server.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        server.dispose()


def test_a_kit_run_leaves_the_database_tables_alone(
    pytester: pytest.Pytester, probe_url: str
) -> None:
    admin = sa.create_engine(probe_url, poolclass=NullPool)
    with admin.begin() as connection:  # what an instance upgraded with migrations holds
        connection.execute(sa.text("DROP TABLE IF EXISTS kit_probe_instance"))
        connection.execute(sa.text("CREATE TABLE kit_probe_instance (id integer)"))
        connection.execute(sa.text("INSERT INTO kit_probe_instance VALUES (7)"))
    pytester.makepyfile(
        test_inner="""
        def test_uses_the_database(app, session):
            from pnyx.models import User
            session.add(User(email="a@example.org", name="A"))
            session.commit()
        """
    )
    before = tables_and_schemas(admin)
    try:
        result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
        result.assert_outcomes(passed=1)
        with admin.connect() as connection:
            kept = connection.scalar(sa.text("SELECT id FROM kit_probe_instance"))
        assert kept == 7  # the database's own table and row are still there
        # No table nor schema of the kit left for `pnyx db upgrade` to trip on.
        assert tables_and_schemas(admin) == before
    finally:
        with admin.begin() as connection:
            connection.execute(sa.text("DROP TABLE IF EXISTS kit_probe_instance"))
        admin.dispose()


def test_the_tables_tests_empty_are_vacuumed_every_few_tests(
    pnyx_database: SharedDatabase, session: Session, make_user: Callable[..., object]
) -> None:
    """``DELETE`` leaves dead rows: the kit vacuums what it emptied, so that two thousand
    tests do not pile them up (and the planner sees true, empty tables)."""
    make_user()
    session.commit()
    session.close()
    pnyx_database.clears_since_vacuum = 0
    pnyx_database.clear()
    assert "users" in pnyx_database.emptied
    for _ in range(VACUUM_EVERY - 1):
        pnyx_database.clear()
    assert pnyx_database.emptied == set()
    assert pnyx_database.clears_since_vacuum == 0
    with pnyx_database.engine.connect() as connection:
        counted = connection.scalar(
            sa.text("SELECT reltuples FROM pg_class WHERE oid = 'users'::regclass")
        )
    assert counted == 0  # analyzed since: -1 would mean never vacuumed nor analyzed
