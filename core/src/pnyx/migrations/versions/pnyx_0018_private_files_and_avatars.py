"""Private attachments (a survey respondent's files) and avatars on public profiles.

``attachments.readers_action``: when set, the file is private: only the person who
sent it and people allowed that action on its component may download it (issue 15).
``users.avatar_key``: the key of the person's avatar attachment, read where names show
without one more query per name (issue 19).

Revision ID: pnyx_0018
Revises: pnyx_0017
Create Date: 2026-12-07 04:45:00
"""

import sqlalchemy as sa
from alembic import op

revision = "pnyx_0018"
down_revision = "pnyx_0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("attachments") as batch:
        batch.add_column(sa.Column("readers_action", sa.String(length=64), nullable=True))
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("avatar_key", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.drop_column("avatar_key")
    with op.batch_alter_table("attachments") as batch:
        batch.drop_column("readers_action")
