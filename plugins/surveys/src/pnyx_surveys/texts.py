"""Free-text answers and their moderation: staff choose which appear in the results.

A text is unpublished when it arrives; publishing shows it on the results page
(without its author), unpublishing takes it back. Both are logged.
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, contains_eager

from pnyx import api
from pnyx_surveys.models import Answer, Questionnaire, Submission

#: Published texts shown per question on the results page; the rest is in the export.
SHOWN_PER_QUESTION = 50


def _texts(questionnaire: Questionnaire) -> Select[tuple[Answer]]:
    # The submission comes with each answer (one query): its language marks the text.
    return (
        select(Answer)
        .join(Answer.submission)
        .options(contains_eager(Answer.submission))
        .where(Submission.questionnaire_id == questionnaire.id, Answer.text.is_not(None))
    )


def published_texts(
    session: Session, questionnaire: Questionnaire
) -> dict[int, list[tuple[str, str]]]:
    """The published texts and their languages by question id, oldest first, at most fifty
    per question."""
    found: dict[int, list[tuple[str, str]]] = defaultdict(list)
    query = _texts(questionnaire).where(Answer.published.is_(True)).order_by(Answer.id)
    for answer in session.scalars(query):
        if len(found[answer.question_id]) < SHOWN_PER_QUESTION:
            found[answer.question_id].append((answer.text or "", answer.submission.language))
    return found


def moderation_page(questionnaire: Questionnaire, published: bool | None) -> api.Page:
    """The texts to moderate, newest first, paged; ``published`` filters (``None``: all)."""
    query = _texts(questionnaire)
    if published is not None:
        query = query.where(Answer.published.is_(published))
    return api.paginate_keyset(query, (Answer.id,))


def set_published(
    session: Session, answer: Answer, published: bool, component: api.Component
) -> None:
    answer.published = published
    action = "surveys.text_published" if published else "surveys.text_unpublished"
    api.log_action(session, action, resource=("surveys_answer", answer.id), component=component)
    session.commit()
