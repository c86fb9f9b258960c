"""index on meetings' end (upcoming meetings across components: home page, directory)

Revision ID: meetings_0002
Revises: meetings_0001
Create Date: 2026-12-07 01:30:00
"""

from alembic import op

revision = "meetings_0002"
down_revision = "meetings_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_meetings_meetings_end", "meetings_meetings", ["end_at"])


def downgrade() -> None:
    op.drop_index("ix_meetings_meetings_end", table_name="meetings_meetings")
