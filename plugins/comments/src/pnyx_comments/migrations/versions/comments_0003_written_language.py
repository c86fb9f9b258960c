"""the language a comment is written in

Revision ID: comments_0003
Revises: comments_0002
Create Date: 2026-12-07 20:40:00

Comments written before keep '' (unknown): they are not marked, as before.
"""

import sqlalchemy as sa
from alembic import op

revision = "comments_0003"
down_revision = "comments_0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("comments_comments", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("language", sa.String(length=16), server_default="", nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("comments_comments", schema=None) as batch_op:
        batch_op.drop_column("language")
