"""Stored organization figures (stat_snapshots): the home page's statistics block reads them.

Revision ID: pnyx_0017
Revises: pnyx_0016
Create Date: 2026-12-07 04:40:00
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "pnyx_0017"
down_revision = "pnyx_0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "stat_snapshots",
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column(
            "data",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("computed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("log_id", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_stat_snapshots")),
    )


def downgrade() -> None:
    op.drop_table("stat_snapshots")
