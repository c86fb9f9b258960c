"""create surveys tables

Revision ID: surveys_0001
Revises: nothing (first migration of this history)
Create Date: 2026-12-07 01:30:09
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "surveys_0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "surveys_questionnaires",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("component_id", sa.Integer(), nullable=False),
        sa.Column("owner_type", sa.String(length=64), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column(
            "title",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "description",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["component_id"],
            ["components.id"],
            name=op.f("fk_surveys_questionnaires_component_id_components"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_surveys_questionnaires")),
        sa.UniqueConstraint(
            "owner_type", "owner_id", name=op.f("uq_surveys_questionnaires_owner_type_owner_id")
        ),
    )
    op.create_index(
        op.f("ix_surveys_questionnaires_component_id"),
        "surveys_questionnaires",
        ["component_id"],
        unique=False,
    )
    op.create_table(
        "surveys_sections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("questionnaire_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column(
            "title",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "description",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["questionnaire_id"],
            ["surveys_questionnaires.id"],
            name=op.f("fk_surveys_sections_questionnaire_id_surveys_questionnaires"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_surveys_sections")),
    )
    op.create_index(
        op.f("ix_surveys_sections_questionnaire_id"),
        "surveys_sections",
        ["questionnaire_id"],
        unique=False,
    )
    op.create_table(
        "surveys_submissions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("questionnaire_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("anonymous_key", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["questionnaire_id"],
            ["surveys_questionnaires.id"],
            name=op.f("fk_surveys_submissions_questionnaire_id_surveys_questionnaires"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_surveys_submissions_user_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_surveys_submissions")),
        sa.UniqueConstraint(
            "questionnaire_id",
            "anonymous_key",
            name=op.f("uq_surveys_submissions_questionnaire_id_anonymous_key"),
        ),
        sa.UniqueConstraint(
            "questionnaire_id",
            "user_id",
            name=op.f("uq_surveys_submissions_questionnaire_id_user_id"),
        ),
    )
    op.create_index(
        "ix_surveys_submissions_listing",
        "surveys_submissions",
        ["questionnaire_id", "id"],
        unique=False,
    )
    op.create_table(
        "surveys_questions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("questionnaire_id", sa.Integer(), nullable=False),
        sa.Column("section_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column(
            "text",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "help",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("mandatory", sa.Boolean(), nullable=False),
        sa.Column(
            "options",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("condition_question_id", sa.Integer(), nullable=True),
        sa.Column("condition_choice_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["condition_question_id"],
            ["surveys_questions.id"],
            name=op.f("fk_surveys_questions_condition_question_id_surveys_questions"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["questionnaire_id"],
            ["surveys_questionnaires.id"],
            name=op.f("fk_surveys_questions_questionnaire_id_surveys_questionnaires"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["section_id"],
            ["surveys_sections.id"],
            name=op.f("fk_surveys_questions_section_id_surveys_sections"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_surveys_questions")),
    )
    op.create_index(
        op.f("ix_surveys_questions_questionnaire_id"),
        "surveys_questions",
        ["questionnaire_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_surveys_questions_section_id"), "surveys_questions", ["section_id"], unique=False
    )
    op.create_table(
        "surveys_choices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=10), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column(
            "label",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["question_id"],
            ["surveys_questions.id"],
            name=op.f("fk_surveys_choices_question_id_surveys_questions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_surveys_choices")),
    )
    op.create_index(
        op.f("ix_surveys_choices_question_id"), "surveys_choices", ["question_id"], unique=False
    )
    op.create_table(
        "surveys_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("submission_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.Integer(), nullable=False),
        sa.Column("choice_id", sa.Integer(), nullable=True),
        sa.Column("row_id", sa.Integer(), nullable=True),
        sa.Column("rank", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("number", sa.Numeric(precision=18, scale=4), nullable=True),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("published", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["choice_id"],
            ["surveys_choices.id"],
            name=op.f("fk_surveys_answers_choice_id_surveys_choices"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["question_id"],
            ["surveys_questions.id"],
            name=op.f("fk_surveys_answers_question_id_surveys_questions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["row_id"],
            ["surveys_choices.id"],
            name=op.f("fk_surveys_answers_row_id_surveys_choices"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["submission_id"],
            ["surveys_submissions.id"],
            name=op.f("fk_surveys_answers_submission_id_surveys_submissions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_surveys_answers")),
    )
    op.create_index(
        "ix_surveys_answers_question", "surveys_answers", ["question_id", "choice_id"], unique=False
    )
    op.create_index(
        op.f("ix_surveys_answers_submission_id"), "surveys_answers", ["submission_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_surveys_answers_submission_id"), table_name="surveys_answers")
    op.drop_index("ix_surveys_answers_question", table_name="surveys_answers")
    op.drop_table("surveys_answers")
    op.drop_index(op.f("ix_surveys_choices_question_id"), table_name="surveys_choices")
    op.drop_table("surveys_choices")
    op.drop_index(op.f("ix_surveys_questions_section_id"), table_name="surveys_questions")
    op.drop_index(op.f("ix_surveys_questions_questionnaire_id"), table_name="surveys_questions")
    op.drop_table("surveys_questions")
    op.drop_index("ix_surveys_submissions_listing", table_name="surveys_submissions")
    op.drop_table("surveys_submissions")
    op.drop_index(op.f("ix_surveys_sections_questionnaire_id"), table_name="surveys_sections")
    op.drop_table("surveys_sections")
    op.drop_index(
        op.f("ix_surveys_questionnaires_component_id"), table_name="surveys_questionnaires"
    )
    op.drop_table("surveys_questionnaires")
