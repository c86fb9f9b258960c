"""users.mail_opt_outs: the optional e-mails a person turned off

Revision ID: pnyx_0003
Revises: pnyx_0002
Create Date: 2026-12-06 23:20:00

Issue 10 item 11: a vote confirmation e-mail that a person may turn off on their
account ("E-mails I receive"). Every existing account receives everything: '[]'.
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "pnyx_0003"
down_revision = "pnyx_0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(
            sa.Column(
                "mail_opt_outs",
                sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
                server_default="[]",
                nullable=False,
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.drop_column("mail_opt_outs")
