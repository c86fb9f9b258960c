"""stored folded search text

Revision ID: meetings_0003
Revises: meetings_0002
Create Date: 2026-12-07 04:50:00

The meetings list's text search folded every translation of each row at query time;
the folded text is now a stored generated column (trigram-indexed on PostgreSQL).
"""

from pnyx import api

revision = "meetings_0003"
down_revision = "meetings_0002"
branch_labels = None
depends_on = None

TABLE = "meetings_meetings"
INDEX = "ix_meetings_meetings_search"
SEARCHED = (
    "pnyx_translations(title) || ' ' || pnyx_translations(description) || ' ' "
    "|| pnyx_translations(location) || ' ' || address"
)


def upgrade() -> None:
    api.add_search_column(TABLE, SEARCHED, INDEX)


def downgrade() -> None:
    api.drop_search_column(TABLE, INDEX)
