"""meetings organized on behalf of a user group

Revision ID: meetings_0004
Revises: meetings_0003
Create Date: 2026-12-07 05:20:00

Needs the core's user_groups table (pnyx_0016), which `pnyx db upgrade` creates first.
On SQLite a foreign key is added by copying the table (batch mode), and SQLite refuses
to copy into the generated ``search_text`` (meetings_0003): ``api.search_column_set_aside``
drops it around the copy and adds it again, with the same expression.
"""

import sqlalchemy as sa
from alembic import op

from pnyx import api

revision = "meetings_0004"
down_revision = "meetings_0003"
branch_labels = None
depends_on = None

TABLE = "meetings_meetings"
INDEX = "ix_meetings_meetings_user_group_id"
FOREIGN_KEY = "fk_meetings_meetings_user_group_id_user_groups"
#: meetings_0003's column, the same on both sides of the copy.
SEARCH_INDEX = "ix_meetings_meetings_search"
SEARCHED = (
    "pnyx_translations(title) || ' ' || pnyx_translations(description) || ' ' "
    "|| pnyx_translations(location) || ' ' || address"
)


def upgrade() -> None:
    with api.search_column_set_aside(TABLE, SEARCHED, SEARCH_INDEX):
        with op.batch_alter_table(TABLE, schema=None) as batch_op:
            batch_op.add_column(sa.Column("user_group_id", sa.Integer(), nullable=True))
            batch_op.create_index(INDEX, ["user_group_id"], unique=False)
            batch_op.create_foreign_key(
                FOREIGN_KEY, "user_groups", ["user_group_id"], ["id"], ondelete="SET NULL"
            )


def downgrade() -> None:
    with api.search_column_set_aside(TABLE, SEARCHED, SEARCH_INDEX):
        with op.batch_alter_table(TABLE, schema=None) as batch_op:
            batch_op.drop_constraint(FOREIGN_KEY, type_="foreignkey")
            batch_op.drop_index(INDEX)
            batch_op.drop_column("user_group_id")
