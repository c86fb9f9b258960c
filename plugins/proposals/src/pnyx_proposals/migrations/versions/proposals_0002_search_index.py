"""accent- and case-insensitive search index (PostgreSQL)

Revision ID: proposals_0002
Revises: proposals_0001
Create Date: 2026-12-06 23:00:00

On PostgreSQL, a trigram index on the folded title and body text serves the
list's text search (``pnyx_fold(title || ' ' || summary) LIKE '%velo%'``).
SQLite has no such index: it scans, with the folding function registered on
each connection (docs/performance.md has the figures).
"""

from alembic import op

from pnyx import api

revision = "proposals_0002"
down_revision = "proposals_0001"
branch_labels = None
depends_on = None

INDEX = "ix_proposals_proposals_search"


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    trigram_ops = api.setup_search_postgresql(op.get_bind())
    op.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON proposals_proposals "
        f"USING gin (pnyx_fold(title || ' ' || summary) {trigram_ops})"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(f"DROP INDEX IF EXISTS {INDEX}")
