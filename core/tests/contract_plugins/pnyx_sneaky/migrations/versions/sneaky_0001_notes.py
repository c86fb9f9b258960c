"""notes, and what a plugin must not do

Revision ID: sneaky_0001
Revises:
Create Date: 2026-01-01 00:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "sneaky_0001"
down_revision = None
branch_labels = ("sneaky",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sneaky_notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("text", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sneaky_notes")),
    )
    op.create_table("audit_entries", sa.Column("id", sa.Integer(), primary_key=True))
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("nickname", sa.String(length=40), nullable=True))


def downgrade() -> None:
    op.drop_table("audit_entries")
    op.drop_table("sneaky_notes")
