"""A person's answers: in their "download my data" archive, and what goes when they leave.

When the account is deleted, the answer sets keep counting in the results
(like ballots) but lose their link to the person, and the texts they wrote
are deleted: a free text may say who wrote it. So are the files they sent (file answers).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from pnyx import api
from pnyx_surveys.answering import files
from pnyx_surveys.answering.values import display
from pnyx_surveys.models import Answer, Question, Questionnaire, Submission


def export(session: Session, user: api.User) -> dict[str, Any] | None:
    """``surveys/answers.csv``: one line per question answered, or ``None``."""
    if session.scalar(select(Submission.id).where(Submission.user_id == user.id).limit(1)) is None:
        return None
    return {"answers.csv": _rows(session, user)}


def _rows(session: Session, user: api.User) -> Iterator[dict[str, Any]]:
    query = (
        select(Submission, Questionnaire)
        .join(Questionnaire, Questionnaire.id == Submission.questionnaire_id)
        .where(Submission.user_id == user.id)
        .order_by(Submission.id)
    )
    for submission, questionnaire in session.execute(query).all():
        answers = session.scalars(select(Answer).where(Answer.submission_id == submission.id)).all()
        by_question: dict[int, list[Answer]] = {}
        for answer in answers:
            by_question.setdefault(answer.question_id, []).append(answer)
        found = session.scalars(select(Question).where(Question.id.in_(by_question))).all()
        for question in sorted(found, key=lambda q: (q.section.position, q.position)):
            yield {
                "survey": api.translated(questionnaire.title) or questionnaire.id,
                "component_id": questionnaire.component_id,
                "question": api.translated(question.text),
                "answer": " | ".join(display(question, by_question[question.id], api.translated)),
                "language": submission.language,
                "sent_at": submission.created_at,
                "changed_at": submission.updated_at,
            }


def delete_data(session: Session, user: api.User) -> None:
    """Delete the person's texts, detach their answer sets (the caller's transaction)."""
    mine = select(Submission.id).where(Submission.user_id == user.id)
    files.remove_for(session, files.submissions_of(session, user))  # file answers go too
    session.execute(delete(Answer).where(Answer.submission_id.in_(mine), Answer.text.is_not(None)))
    session.execute(update(Submission).where(Submission.user_id == user.id).values(user_id=None))
