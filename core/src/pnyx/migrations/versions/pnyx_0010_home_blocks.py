"""home_blocks: the home page as staff composed it (issue 18 item 6)

Revision ID: pnyx_0010
Revises: pnyx_0009
Create Date: 2026-12-07 02:00:00

No row: the home page shows the default composition (the spaces, then every plugin's
default block), as before.
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "pnyx_0010"
down_revision = "pnyx_0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "home_blocks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("block", sa.String(length=100), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column(
            "settings",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_home_blocks")),
    )


def downgrade() -> None:
    op.drop_table("home_blocks")
