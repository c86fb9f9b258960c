"""Alembic's environment, shared by every history (the core's and each plugin's).

:mod:`pnyx.migrate` configures Alembic in code and puts the Flask app and the
:class:`~pnyx.migrate.History` being migrated in ``config.attributes``. This
script connects with the app's engine, runs the history's migrations in one
transaction, and limits autogenerate to the tables that history owns.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from alembic import context
from sqlalchemy import Connection, text

from pnyx.db import WRITE_OPTION, get_database
from pnyx.migrate import APP_ATTRIBUTE, HISTORY_ATTRIBUTE, MigrationError, context_options

# Any constant will do: every history takes the same lock, so two processes
# running ``pnyx db upgrade`` at once on PostgreSQL migrate one after the other.
LOCK_KEY = 0x706E7978  # "pnyx"


@contextmanager
def foreign_keys_off(connection: Connection) -> Iterator[None]:
    """On SQLite, switch foreign keys off while migrating (they are checked before commit).

    Batch operations rebuild a table (copy, drop, rename); with foreign keys on,
    dropping the old table would delete or orphan the rows that point to it.
    The pragma only works outside a transaction, hence on the raw connection.
    """
    if connection.dialect.name != "sqlite":
        yield
        return
    raw = connection.connection.driver_connection
    raw.execute("PRAGMA foreign_keys=OFF")
    try:
        yield
    finally:
        raw.execute("PRAGMA foreign_keys=ON")


def check_foreign_keys(connection: Connection) -> None:
    if connection.dialect.name != "sqlite":
        return  # PostgreSQL checks them itself
    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if broken:
        tables = ", ".join(sorted({row[0] for row in broken}))
        raise MigrationError(
            f"The migration would leave rows of {tables} pointing to missing rows; "
            "nothing was changed."
        )


def run_migrations_online() -> None:
    app = context.config.attributes[APP_ATTRIBUTE]
    history = context.config.attributes[HISTORY_ATTRIBUTE]
    # On SQLite this option makes the transaction BEGIN IMMEDIATE (see pnyx.db).
    engine = get_database(app).engine.execution_options(**{WRITE_OPTION: True})
    with engine.connect() as connection, foreign_keys_off(connection), connection.begin():
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": LOCK_KEY})
        context.configure(connection=connection, **context_options(app, history))
        context.run_migrations()
        check_foreign_keys(connection)


if context.is_offline_mode():
    raise MigrationError("Pnyx migrates a live database: offline (--sql) mode is not supported.")
run_migrations_online()
