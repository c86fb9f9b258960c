"""Background jobs: outgoing mails (what the mail job delivered or could not deliver) and
administrators' exports (files built by a job).

Revision ID: pnyx_0005
Revises: pnyx_0004
Create Date: 2026-12-06 22:40:00
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "pnyx_0005"
down_revision = "pnyx_0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "outgoing_mails",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("message_id", sa.String(length=255), nullable=False),
        sa.Column("recipient", sa.String(length=320), nullable=False),
        sa.Column("subject", sa.String(length=500), nullable=False),
        sa.Column("template", sa.String(length=200), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outgoing_mails")),
        sa.UniqueConstraint("message_id", name=op.f("uq_outgoing_mails_message_id")),
    )
    op.create_index(
        op.f("ix_outgoing_mails_created_at"), "outgoing_mails", ["created_at"], unique=False
    )
    op.create_index(op.f("ix_outgoing_mails_status"), "outgoing_mails", ["status"], unique=False)
    op.create_table(
        "admin_exports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=64), nullable=False),
        sa.Column("requested_by_id", sa.Integer(), nullable=False),
        sa.Column(
            "parameters",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("locale", sa.String(length=10), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("rows", sa.Integer(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["requested_by_id"],
            ["users.id"],
            name=op.f("fk_admin_exports_requested_by_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_admin_exports")),
        sa.UniqueConstraint("token", name=op.f("uq_admin_exports_token")),
    )
    op.create_index(
        op.f("ix_admin_exports_expires_at"), "admin_exports", ["expires_at"], unique=False
    )
    op.create_index(
        op.f("ix_admin_exports_requested_by_id"), "admin_exports", ["requested_by_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_admin_exports_requested_by_id"), table_name="admin_exports")
    op.drop_index(op.f("ix_admin_exports_expires_at"), table_name="admin_exports")
    op.drop_table("admin_exports")
    op.drop_index(op.f("ix_outgoing_mails_status"), table_name="outgoing_mails")
    op.drop_index(op.f("ix_outgoing_mails_created_at"), table_name="outgoing_mails")
    op.drop_table("outgoing_mails")
