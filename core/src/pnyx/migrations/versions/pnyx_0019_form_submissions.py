"""Sent creation forms (form_submissions): a form sent twice makes one item (pnyx.submissions).

Revision ID: pnyx_0019
Revises: pnyx_0018
Create Date: 2026-12-07 14:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "pnyx_0019"
down_revision = "pnyx_0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "form_submissions",
        sa.Column("token", sa.String(length=64), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("location", sa.String(length=2000), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("token", "digest", name=op.f("pk_form_submissions")),
    )
    op.create_index(
        op.f("ix_form_submissions_created_at"), "form_submissions", ["created_at"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_form_submissions_created_at"), table_name="form_submissions")
    op.drop_table("form_submissions")
