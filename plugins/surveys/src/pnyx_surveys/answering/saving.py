"""Writing a person's answer set: once per person, enforced by the database.

Two requests of the same person racing (a double click, twenty tabs) both try
to insert a submission; the unique constraint lets one in and the other gets
:class:`AlreadyAnsweredError`. Changing one's answers (when the survey allows it)
locks the submission row, replaces its answers and keeps its id.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from pnyx import api
from pnyx_surveys.answering import files
from pnyx_surveys.answering.values import rows
from pnyx_surveys.models import Answer, Questionnaire, Submission
from pnyx_surveys.questionnaires import questions


class AlreadyAnsweredError(Exception):
    """This person (or browser session) answered this questionnaire already."""


def find(
    session: Session,
    questionnaire_id: int,
    *,
    user_id: int | None = None,
    anonymous_key: str | None = None,
    for_update: bool = False,
) -> Submission | None:
    if user_id is None and anonymous_key is None:
        return None
    query = select(Submission).where(Submission.questionnaire_id == questionnaire_id)
    if user_id is not None:
        query = query.where(Submission.user_id == user_id)
    else:
        query = query.where(Submission.anonymous_key == anonymous_key)
    if for_update:
        query = query.with_for_update()
    return session.scalar(query)


def save(
    session: Session,
    questionnaire: Questionnaire,
    values: dict[int, Any],
    *,
    user_id: int | None = None,
    anonymous_key: str | None = None,
    replace: bool = False,
    commit: bool = True,
    language: str | None = None,
) -> Submission:
    """Insert the submission (or, with ``replace``, change the existing one) and commit.

    ``language``: the one its free texts are written in; ``None`` (another plugin's form,
    which asks nothing) takes the page's. ``commit=False`` only flushes, for a caller that
    commits itself (demo data).
    """
    if language is None:
        language, _ = api.read_written_language({})  # nothing chosen: the page's language
    existing = find(
        session,
        questionnaire.id,
        user_id=user_id,
        anonymous_key=anonymous_key,
        for_update=True,
    )
    if existing is not None and not replace:
        session.rollback()
        raise AlreadyAnsweredError()
    if existing is None:
        submission = Submission(
            questionnaire_id=questionnaire.id,
            user_id=user_id,
            anonymous_key=anonymous_key,
            language=language,
        )
        session.add(submission)
        try:
            session.flush()
        except IntegrityError:
            session.rollback()
            raise AlreadyAnsweredError() from None
    else:
        submission = existing
        submission.updated_at, submission.language = api.utcnow(), language
        session.query(Answer).filter(Answer.submission_id == submission.id).delete()
    by_id = {question.id: question for question in questions(questionnaire)}
    for question_id, value in values.items():
        for answer in rows(by_id[question_id], value):
            answer.submission_id = submission.id
            session.add(answer)
    files.claim(session, submission, values, by_id)
    if commit:
        session.commit()
    else:
        session.flush()
    return submission
