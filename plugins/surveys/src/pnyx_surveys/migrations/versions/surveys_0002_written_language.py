"""the language a person wrote their answers in

Revision ID: surveys_0002
Revises: surveys_0001
Create Date: 2026-12-07 22:45:00

One language per answer set (docs/decisions.md, "Survey answers: one language per answer
set"): pages mark its free texts with ``lang`` when it is not the page's (WCAG 3.1.2). Answers
sent before keep '' (unknown): they are not marked, as before.
"""

import sqlalchemy as sa
from alembic import op

revision = "surveys_0002"
down_revision = "surveys_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("surveys_submissions", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("language", sa.String(length=16), server_default="", nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("surveys_submissions", schema=None) as batch_op:
        batch_op.drop_column("language")
