"""index on publication date across components (the home page's latest proposals)

Revision ID: proposals_0003
Revises: proposals_0002
Create Date: 2026-12-07 01:30:00
"""

from alembic import op

revision = "proposals_0003"
down_revision = "proposals_0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_proposals_proposals_published", "proposals_proposals", ["published_at", "id"]
    )


def downgrade() -> None:
    op.drop_index("ix_proposals_proposals_published", table_name="proposals_proposals")
