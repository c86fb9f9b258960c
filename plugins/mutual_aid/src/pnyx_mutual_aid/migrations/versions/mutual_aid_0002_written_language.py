"""the language posts and messages are written in

Revision ID: mutual_aid_0002
Revises: mutual_aid_0001
Create Date: 2026-12-07 20:30:00

Posts and messages written before keep '' (unknown): they are not marked, as before.
"""

import sqlalchemy as sa
from alembic import op

revision = "mutual_aid_0002"
down_revision = "mutual_aid_0001"
branch_labels = None
depends_on = None

TABLES = ("mutual_aid_posts", "mutual_aid_messages")


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column("language", sa.String(length=16), server_default="", nullable=False)
            )


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("language")
