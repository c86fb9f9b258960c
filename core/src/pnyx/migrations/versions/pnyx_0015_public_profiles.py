"""Public profiles (issue 19): nickname and hidden flag of a person's profile page.

Revision ID: pnyx_0015
Revises: pnyx_0014
Create Date: 2026-12-07 02:01:00
"""

import sqlalchemy as sa
from alembic import op

revision = "pnyx_0015"
down_revision = "pnyx_0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "public_profiles",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("nickname", sa.String(length=60), nullable=True),
        sa.Column("hidden", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_public_profiles_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_public_profiles")),
    )


def downgrade() -> None:
    op.drop_table("public_profiles")
