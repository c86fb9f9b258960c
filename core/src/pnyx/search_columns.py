"""Migrations that add or drop a stored folded search column (``api.folded_search_column``).

SQLite adds a stored generated column only by rebuilding the table (Alembic's batch mode,
foreign keys off during migrations); PostgreSQL adds it in place and indexes it with
trigrams, so ``LIKE '%velo%'`` on it uses the index.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa
from alembic import op

from pnyx.search import FOLD_FUNCTION, setup_postgresql


def add_search_column(table: str, expression: str, index: str, *, replaces: str = "") -> None:
    """Add ``search_text``, ``expression`` folded, to ``table`` (in a migration's ``upgrade``).

    ``replaces``: an index on the folded expression itself that the column's index replaces.
    """
    bind = op.get_bind()
    column = sa.Column(
        "search_text", sa.Text(), sa.Computed(f"{FOLD_FUNCTION}({expression})", persisted=True)
    )
    if bind.dialect.name != "postgresql":
        with op.batch_alter_table(table, recreate="always") as batch:
            batch.add_column(column)
        return
    trigram_ops = setup_postgresql(bind)
    if replaces:
        op.execute(f"DROP INDEX IF EXISTS {replaces}")
    op.add_column(table, column)
    op.execute(f"CREATE INDEX {index} ON {table} USING gin (search_text {trigram_ops})")


def drop_search_column(table: str, index: str) -> None:
    """Undo :func:`add_search_column` (a migration's ``downgrade``)."""
    if op.get_bind().dialect.name != "postgresql":
        with op.batch_alter_table(table, recreate="always") as batch:
            batch.drop_column("search_text")
        return
    op.execute(f"DROP INDEX IF EXISTS {index}")
    op.drop_column(table, "search_text")


@contextmanager
def search_column_set_aside(table: str, expression: str, index: str) -> Iterator[None]:
    """Around a batch operation that copies ``table`` on SQLite (a new foreign key, a
    constraint): SQLite refuses to copy rows into a generated column, so ``search_text`` is
    dropped before the block and added back after it. PostgreSQL alters tables in place:
    nothing is done there.
    """
    copying = op.get_bind().dialect.name != "postgresql"
    if copying:
        drop_search_column(table, index)
    yield
    if copying:
        add_search_column(table, expression, index)
