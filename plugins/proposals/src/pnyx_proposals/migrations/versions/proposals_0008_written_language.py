"""the language residents wrote proposals, drafts and amendments in

Revision ID: proposals_0008
Revises: proposals_0007
Create Date: 2026-12-07 20:40:00

Pages mark a text written in another language than the page's with ``lang`` (WCAG 3.1.2,
``api.written_language_column``). Rows written before keep '' (unknown): they are shown as
before, in the page's language.

Adding a column alters the table in place, SQLite included. Dropping one copies the table on
SQLite (batch mode), which refuses to copy into the proposals' generated ``search_text``
(proposals_0006): ``api.search_column_set_aside`` drops it around the copy and adds it again.
"""

from contextlib import nullcontext

import sqlalchemy as sa
from alembic import op

from pnyx import api

revision = "proposals_0008"
down_revision = "proposals_0007"
branch_labels = None
depends_on = None

PROPOSALS = "proposals_proposals"
TABLES = (PROPOSALS, "proposals_collaborative_drafts", "proposals_amendments")
#: proposals_0006's column, the same on both sides of the copy.
SEARCH_INDEX = "ix_proposals_proposals_search"
SEARCHED = "title || ' ' || summary"


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column("language", sa.String(length=16), server_default="", nullable=False)
            )


def downgrade() -> None:
    for table in reversed(TABLES):
        aside = (
            api.search_column_set_aside(table, SEARCHED, SEARCH_INDEX)
            if table == PROPOSALS
            else nullcontext()
        )
        with aside, op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("language")
