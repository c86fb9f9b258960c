"""the language of participatory texts and of collaborative drafts' saved versions

Revision ID: proposals_0009
Revises: proposals_0008
Create Date: 2026-12-07 22:50:00

A participatory text's version keeps the language staff imported it in, and each of its
items the language of its article (an accepted amendment may change it); a draft's saved
version keeps the language it was written in, so that a comparison marks each side with its
own (WCAG 3.1.2). Texts imported before keep '' (unknown, not marked). Drafts' saved
versions take their draft's language: it could only be chosen since proposals_0008, and a
draft rarely changes language between two saves.
"""

import sqlalchemy as sa
from alembic import op

revision = "proposals_0009"
down_revision = "proposals_0008"
branch_labels = None
depends_on = None

TABLES = ("proposals_text_versions", "proposals_text_items", "proposals_draft_revisions")


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column("language", sa.String(length=16), server_default="", nullable=False)
            )
    op.execute(
        "UPDATE proposals_draft_revisions SET language = (SELECT d.language"
        " FROM proposals_collaborative_drafts d WHERE d.id = proposals_draft_revisions.draft_id)"
    )


def downgrade() -> None:
    for table in reversed(TABLES):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("language")
