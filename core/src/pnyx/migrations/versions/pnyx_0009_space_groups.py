"""Groups of spaces, highlighted spaces, a space's territory and themes (issue 18 items 4-5)

Revision ID: pnyx_0009
Revises: pnyx_0008
Create Date: 2026-12-07 01:50:00

Existing spaces belong to no group, are not highlighted, concern no territory in
particular and offer every theme (no row in space_themes): as before.
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "pnyx_0009"
down_revision = "pnyx_0008"
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")


def upgrade() -> None:
    op.create_table(
        "space_groups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=80), nullable=False),
        sa.Column("title", JSON, nullable=False),
        sa.Column("description", JSON, nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_space_groups")),
        sa.UniqueConstraint("slug", name=op.f("uq_space_groups_slug")),
    )
    with op.batch_alter_table("spaces") as batch:
        batch.add_column(sa.Column("group_id", sa.Integer(), nullable=True))
        batch.add_column(
            sa.Column("highlighted", sa.Boolean(), server_default=sa.text("false"), nullable=False)
        )
        batch.add_column(sa.Column("territory_id", sa.Integer(), nullable=True))
        batch.create_index(batch.f("ix_spaces_group_id"), ["group_id"], unique=False)
        batch.create_index(batch.f("ix_spaces_territory_id"), ["territory_id"], unique=False)
        batch.create_foreign_key(
            batch.f("fk_spaces_group_id_space_groups"),
            "space_groups",
            ["group_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch.create_foreign_key(
            batch.f("fk_spaces_territory_id_taxonomy_terms"),
            "taxonomy_terms",
            ["territory_id"],
            ["id"],
            ondelete="SET NULL",
        )
    op.create_table(
        "space_themes",
        sa.Column("space_id", sa.Integer(), nullable=False),
        sa.Column("term_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["space_id"],
            ["spaces.id"],
            name=op.f("fk_space_themes_space_id_spaces"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["term_id"],
            ["taxonomy_terms.id"],
            name=op.f("fk_space_themes_term_id_taxonomy_terms"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("space_id", "term_id", name=op.f("pk_space_themes")),
    )


def downgrade() -> None:
    op.drop_table("space_themes")
    with op.batch_alter_table("spaces") as batch:
        batch.drop_constraint(batch.f("fk_spaces_territory_id_taxonomy_terms"), type_="foreignkey")
        batch.drop_constraint(batch.f("fk_spaces_group_id_space_groups"), type_="foreignkey")
        batch.drop_index(batch.f("ix_spaces_territory_id"))
        batch.drop_index(batch.f("ix_spaces_group_id"))
        batch.drop_column("territory_id")
        batch.drop_column("highlighted")
        batch.drop_column("group_id")
    op.drop_table("space_groups")
