"""notes

Revision ID: goodboard_0001
Revises:
Create Date: 2026-01-01 00:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "goodboard_0001"
down_revision = None
branch_labels = ("goodboard",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "goodboard_notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("component_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["component_id"],
            ["components.id"],
            name=op.f("fk_goodboard_notes_component_id_components"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_goodboard_notes")),
    )


def downgrade() -> None:
    op.drop_table("goodboard_notes")
