"""The plugin's tables, all prefixed ``surveys_``.

A *questionnaire* belongs to an owner: a surveys component (``owner_type``
``surveys_component``), or a record of another plugin that uses the engine
(``meetings_meeting`` for a registration form). Its sections are the pages a
person answers one after the other; its questions hold their choices (and a
matrix's rows). A *submission* is one person's answer set: **one per person
and questionnaire, enforced by unique constraints** (``user_id`` for people
signed in, ``anonymous_key`` — a keyed hash, never an address or an id — for
anonymous answers). Each *answer* row is one atomic value (a chosen choice, a
rank, a text, a number, a date), so results are plain ``GROUP BY`` queries.
"""

from __future__ import annotations

import datetime as dt
import decimal
from typing import Any

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pnyx import api

#: ``owner_type`` of a surveys component's own questionnaire.
COMPONENT_OWNER = "surveys_component"


class Questionnaire(api.Model):
    """The questions of one survey (or of another plugin's form)."""

    __tablename__ = "surveys_questionnaires"
    __table_args__ = (UniqueConstraint("owner_type", "owner_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    component_id: Mapped[int] = mapped_column(
        ForeignKey("components.id", ondelete="CASCADE"), index=True
    )
    owner_type: Mapped[str] = mapped_column(String(64))
    owner_id: Mapped[int] = mapped_column(Integer)
    title: Mapped[dict[str, str]] = mapped_column(api.JSONType, default=dict)
    description: Mapped[dict[str, str]] = mapped_column(api.JSONType, default=dict)
    #: Set when the results were last recomputed or an answer arrived ("last updated on").
    updated_at: Mapped[dt.datetime] = mapped_column(default=api.utcnow)

    component: Mapped[api.Component] = relationship()
    sections: Mapped[list[Section]] = relationship(
        back_populates="questionnaire", order_by="Section.position", cascade="all, delete-orphan"
    )


class Section(api.Model):
    """A page of the questionnaire: answered and checked before the next one is shown."""

    __tablename__ = "surveys_sections"

    id: Mapped[int] = mapped_column(primary_key=True)
    questionnaire_id: Mapped[int] = mapped_column(
        ForeignKey("surveys_questionnaires.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[dict[str, str]] = mapped_column(api.JSONType, default=dict)
    description: Mapped[dict[str, str]] = mapped_column(api.JSONType, default=dict)

    questionnaire: Mapped[Questionnaire] = relationship(back_populates="sections")
    questions: Mapped[list[Question]] = relationship(
        back_populates="section", order_by="Question.position", cascade="all, delete-orphan"
    )


class Question(api.Model):
    """One question; ``kind`` is one of :data:`pnyx_surveys.kinds.KINDS`.

    ``options`` holds what a kind needs: ``min``/``max`` choices, ``other``
    (an "other, please specify" box), ``scale`` (N) with ``low``/``high``
    labels, ``multiple`` (a matrix with several choices per row), ``minimum``
    and ``maximum`` of a number. The condition shows the question only when
    the answer to ``condition_question`` (on an earlier page) includes
    ``condition_choice``.
    """

    __tablename__ = "surveys_questions"

    id: Mapped[int] = mapped_column(primary_key=True)
    questionnaire_id: Mapped[int] = mapped_column(
        ForeignKey("surveys_questionnaires.id", ondelete="CASCADE"), index=True
    )
    section_id: Mapped[int] = mapped_column(
        ForeignKey("surveys_sections.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    kind: Mapped[str] = mapped_column(String(20))
    text: Mapped[dict[str, str]] = mapped_column(api.JSONType, default=dict)
    help: Mapped[dict[str, str]] = mapped_column(api.JSONType, default=dict)
    mandatory: Mapped[bool] = mapped_column(Boolean, default=False)
    options: Mapped[dict[str, Any]] = mapped_column(api.JSONType, default=dict)
    condition_question_id: Mapped[int | None] = mapped_column(
        ForeignKey("surveys_questions.id", ondelete="SET NULL")
    )
    #: No foreign key (choices point to questions already: no cycle); the builder keeps it
    #: pointing to a choice of ``condition_question`` and clears it with the condition.
    condition_choice_id: Mapped[int | None] = mapped_column(Integer)

    section: Mapped[Section] = relationship(back_populates="questions")
    choices: Mapped[list[Choice]] = relationship(
        back_populates="question",
        order_by="Choice.position",
        cascade="all, delete-orphan",
        foreign_keys="Choice.question_id",
    )

    def choices_of(self, role: str) -> list[Choice]:
        return [choice for choice in self.choices if choice.role == role]


class Choice(api.Model):
    """A choice of a question (``role="choice"``) or a row of a matrix (``role="row"``)."""

    __tablename__ = "surveys_choices"

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(
        ForeignKey("surveys_questions.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[str] = mapped_column(String(10), default="choice")
    position: Mapped[int] = mapped_column(Integer, default=0)
    label: Mapped[dict[str, str]] = mapped_column(api.JSONType, default=dict)

    question: Mapped[Question] = relationship(back_populates="choices", foreign_keys=[question_id])


class Submission(api.Model):
    """One person's answer set: at most one per person (or anonymous key) and questionnaire."""

    __tablename__ = "surveys_submissions"
    __table_args__ = (
        UniqueConstraint("questionnaire_id", "user_id"),
        UniqueConstraint("questionnaire_id", "anonymous_key"),
        Index("ix_surveys_submissions_listing", "questionnaire_id", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    questionnaire_id: Mapped[int] = mapped_column(
        ForeignKey("surveys_questionnaires.id", ondelete="CASCADE")
    )
    #: ``None`` for an anonymous answer, or once the person deleted their account.
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    #: HMAC of the survey and a random token of the browser session: duplicates only.
    anonymous_key: Mapped[str | None] = mapped_column(String(64))
    #: The language its free texts are written in, chosen once for the whole set on the page
    #: that sends it ('' if unknown): pages mark them with ``lang`` (WCAG 3.1.2).
    language: Mapped[str] = api.written_language_column()
    created_at: Mapped[dt.datetime] = mapped_column(default=api.utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=api.utcnow)

    user: Mapped[api.User | None] = relationship()
    answers: Mapped[list[Answer]] = relationship(
        back_populates="submission", cascade="all, delete-orphan"
    )


class Answer(api.Model):
    """One value of a submission: a choice (with a rank or a matrix row), a text, a number, a date.

    ``published`` concerns free texts only: staff choose which appear in the results.
    """

    __tablename__ = "surveys_answers"
    __table_args__ = (Index("ix_surveys_answers_question", "question_id", "choice_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(
        ForeignKey("surveys_submissions.id", ondelete="CASCADE"), index=True
    )
    question_id: Mapped[int] = mapped_column(ForeignKey("surveys_questions.id", ondelete="CASCADE"))
    choice_id: Mapped[int | None] = mapped_column(
        ForeignKey("surveys_choices.id", ondelete="CASCADE")
    )
    row_id: Mapped[int | None] = mapped_column(ForeignKey("surveys_choices.id", ondelete="CASCADE"))
    rank: Mapped[int | None] = mapped_column(Integer)
    text: Mapped[str | None] = mapped_column(Text)
    number: Mapped[decimal.Decimal | None] = mapped_column(Numeric(18, 4))
    date: Mapped[dt.date | None] = mapped_column(Date)
    published: Mapped[bool] = mapped_column(Boolean, default=False)

    submission: Mapped[Submission] = relationship(back_populates="answers")
