"""a draft copy may sit beside a cast ballot: unique on budget, voter and status

Revision ID: budgets_0002
Revises: budgets_0001
Create Date: 2026-12-06 22:30:00

Changing a cast ballot now edits a draft copy while the cast ballot keeps
counting (issue 10), so a person may hold one draft and one cast ballot in a
budget. Batch mode: SQLite cannot drop a constraint in place.
"""

from alembic import op

revision = "budgets_0002"
down_revision = "budgets_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("budgets_ballots") as batch:
        batch.drop_constraint("uq_budgets_ballots_budget_id_voter_id", type_="unique")
        batch.create_unique_constraint(
            op.f("uq_budgets_ballots_budget_id_voter_id_status"),
            ["budget_id", "voter_id", "status"],
        )


def downgrade() -> None:
    # A draft copy beside a cast ballot cannot survive the older constraint: drop the copies.
    op.execute(
        "DELETE FROM budgets_ballots WHERE status = 'draft' AND EXISTS ("
        "SELECT 1 FROM budgets_ballots AS cast_ballot WHERE cast_ballot.status = 'cast' "
        "AND cast_ballot.budget_id = budgets_ballots.budget_id "
        "AND cast_ballot.voter_id = budgets_ballots.voter_id)"
    )
    with op.batch_alter_table("budgets_ballots") as batch:
        batch.drop_constraint(op.f("uq_budgets_ballots_budget_id_voter_id_status"), type_="unique")
        batch.create_unique_constraint(
            op.f("uq_budgets_ballots_budget_id_voter_id"), ["budget_id", "voter_id"]
        )
