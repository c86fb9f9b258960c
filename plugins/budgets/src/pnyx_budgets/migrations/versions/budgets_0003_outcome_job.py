"""outcome computed by a job: when it was asked for, and why the last attempt failed

Revision ID: budgets_0003
Revises: budgets_0002
Create Date: 2026-12-07 01:45:00
"""

import sqlalchemy as sa
from alembic import op


revision = "budgets_0003"
down_revision = "budgets_0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("budgets_budgets") as batch:
        batch.add_column(sa.Column("outcome_requested_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("outcome_error", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("budgets_budgets") as batch:
        batch.drop_column("outcome_error")
        batch.drop_column("outcome_requested_at")
