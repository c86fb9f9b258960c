"""items, without the title column the model has

Revision ID: drift_0001
Revises:
Create Date: 2026-01-01 00:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "drift_0001"
down_revision = None
branch_labels = ("drift",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "drift_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_drift_items")),
    )


def downgrade() -> None:
    op.drop_table("drift_items")
