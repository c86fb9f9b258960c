"""notes; the downgrade removes more than it added

Revision ID: clumsy_0001
Revises:
Create Date: 2026-01-01 00:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "clumsy_0001"
down_revision = None
branch_labels = ("clumsy",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "clumsy_notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("text", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_clumsy_notes")),
    )


def downgrade() -> None:
    op.drop_table("clumsy_notes")
    op.drop_index("ix_user_space_roles_user_id", table_name="user_space_roles")
