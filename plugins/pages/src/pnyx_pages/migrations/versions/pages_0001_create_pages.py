"""create pages and sections

Revision ID: pages_0001
Revises: nothing (first migration of this history)
Create Date: 2026-12-07 02:10:00
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "pages_0001"
down_revision = None
branch_labels = None
depends_on = None


def _json() -> sa.types.TypeEngine:
    return sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")


def upgrade() -> None:
    op.create_table(
        "pages_pages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("component_id", sa.Integer(), nullable=True),
        sa.Column("slug", sa.String(length=80), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("title", _json(), nullable=False),
        sa.Column("body", _json(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("published", sa.Boolean(), nullable=False),
        sa.Column("in_footer", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["component_id"],
            ["components.id"],
            name=op.f("fk_pages_pages_component_id_components"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pages_pages")),
        sa.UniqueConstraint(
            "component_id", "slug", name=op.f("uq_pages_pages_component_id_slug")
        ),
    )
    op.create_index(op.f("ix_pages_pages_component_id"), "pages_pages", ["component_id"])
    op.create_index(
        "uq_pages_pages_organization_slug",
        "pages_pages",
        ["slug"],
        unique=True,
        sqlite_where=sa.text("component_id IS NULL"),
        postgresql_where=sa.text("component_id IS NULL"),
    )
    op.create_table(
        "pages_sections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("page_id", sa.Integer(), nullable=False),
        sa.Column("title", _json(), nullable=False),
        sa.Column("body", _json(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["page_id"],
            ["pages_pages.id"],
            name=op.f("fk_pages_sections_page_id_pages_pages"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pages_sections")),
    )
    op.create_index(op.f("ix_pages_sections_page_id"), "pages_sections", ["page_id"])


def downgrade() -> None:
    op.drop_table("pages_sections")
    op.drop_table("pages_pages")
