"""The organization's open-data choices: licence, statistics by territory (issue 21).

Revision ID: pnyx_0012
Revises: pnyx_0011
Create Date: 2026-12-07 01:45:00
"""

import sqlalchemy as sa
from alembic import op

revision = "pnyx_0012"
down_revision = "pnyx_0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "open_data_settings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("licence", sa.String(length=16), nullable=False),
        sa.Column("territory_statistics", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_open_data_settings")),
    )


def downgrade() -> None:
    op.drop_table("open_data_settings")
