"""comments and debates on behalf of a user group

Revision ID: comments_0002
Revises: comments_0001
Create Date: 2026-12-07 05:05:00

Needs the core's user_groups table (pnyx_0016), which `pnyx db upgrade` creates first.
"""

import sqlalchemy as sa
from alembic import op

revision = "comments_0002"
down_revision = "comments_0001"
branch_labels = None
depends_on = None

TABLES = ("comments_comments", "comments_debates")


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("user_group_id", sa.Integer(), nullable=True))
            batch_op.create_index(
                batch_op.f(f"ix_{table}_user_group_id"), ["user_group_id"], unique=False
            )
            batch_op.create_foreign_key(
                batch_op.f(f"fk_{table}_user_group_id_user_groups"),
                "user_groups",
                ["user_group_id"],
                ["id"],
                ondelete="SET NULL",
            )


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(
                batch_op.f(f"fk_{table}_user_group_id_user_groups"), type_="foreignkey"
            )
            batch_op.drop_index(batch_op.f(f"ix_{table}_user_group_id"))
            batch_op.drop_column("user_group_id")
