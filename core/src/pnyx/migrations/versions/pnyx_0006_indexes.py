"""Indexes for city-scale lists: the action log by person, space and component (newest
first), the people by name.

Revision ID: pnyx_0006
Revises: pnyx_0005
Create Date: 2026-12-06 23:30:00
"""

from alembic import op

revision = "pnyx_0006"
down_revision = "pnyx_0005"
branch_labels = None
depends_on = None

INDEXES = (
    ("ix_action_log_actor_id_id", "action_log", ["actor_id", "id"]),
    ("ix_action_log_space_id_id", "action_log", ["space_id", "id"]),
    ("ix_action_log_component_id_id", "action_log", ["component_id", "id"]),
    ("ix_users_name_id", "users", ["name", "id"]),
)


def upgrade() -> None:
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns, unique=False)


def downgrade() -> None:
    for name, table, _columns in reversed(INDEXES):
        op.drop_index(name, table_name=table)
