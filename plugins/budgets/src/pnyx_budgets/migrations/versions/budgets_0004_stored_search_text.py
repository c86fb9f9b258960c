"""stored folded search text

Revision ID: budgets_0004
Revises: budgets_0003
Create Date: 2026-12-07 04:50:00

The projects list's text search folded every translation of each row at query time;
the folded text is now a stored generated column (trigram-indexed on PostgreSQL).
"""

from pnyx import api

revision = "budgets_0004"
down_revision = "budgets_0003"
branch_labels = None
depends_on = None

TABLE = "budgets_projects"
INDEX = "ix_budgets_projects_search"
SEARCHED = "pnyx_translations(title) || ' ' || pnyx_translations(description)"


def upgrade() -> None:
    api.add_search_column(TABLE, SEARCHED, INDEX)


def downgrade() -> None:
    api.drop_search_column(TABLE, INDEX)
