"""Stored participation figures (stat_counters): space pages read them instead of recounting.

Revision ID: pnyx_0008
Revises: pnyx_0007
Create Date: 2026-12-07 01:40:00
"""

import sqlalchemy as sa
from alembic import op

revision = "pnyx_0008"
down_revision = "pnyx_0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "stat_counters",
        sa.Column("component_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.Column("computed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("log_id", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["component_id"],
            ["components.id"],
            name=op.f("fk_stat_counters_component_id_components"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("component_id", "name", name=op.f("pk_stat_counters")),
    )


def downgrade() -> None:
    op.drop_table("stat_counters")
