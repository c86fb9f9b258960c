"""The surveys' figures for the core statistics pages (hook ``statistics``, docs/statistics.md).

Answer sets are ``answers`` (the "votes/answers" of the Nivelles block), written texts are
``contributions``; the people behind them are the signed-in respondents (anonymous answers
count in the figures, not among the participants the core counts once).
"""

from __future__ import annotations

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx_surveys.models import COMPONENT_OWNER, Answer, Questionnaire, Submission


def _submissions(ids: list[int]) -> Select[tuple[int]]:
    return (
        select(Submission.id)
        .join(Questionnaire, Questionnaire.id == Submission.questionnaire_id)
        .where(Questionnaire.owner_type == COMPONENT_OWNER, Questionnaire.owner_id.in_(ids))
    )


def figures(components: list[api.Component], session: Session) -> list[object] | None:
    ids = api.statistics.ids_of(components, "surveys")
    if not ids:
        return None
    mine = Submission.id.in_(_submissions(ids))
    written = (Answer.submission_id.in_(_submissions(ids)), Answer.text.is_not(None))
    return [
        api.statistics.Figure(
            name="surveys.answers",
            label=api._("Answers to surveys"),
            kind=api.statistics.ANSWERS,
            value=session.scalar(select(func.count()).select_from(Submission).where(mine)) or 0,
            daily=api.statistics.daily_counts(session, Submission.created_at, mine),
            people=select(Submission.user_id).where(mine, Submission.user_id.is_not(None)),
        ),
        api.statistics.Figure(
            name="surveys.written",
            label=api._("Written answers to surveys"),
            kind=api.statistics.CONTRIBUTIONS,
            value=session.scalar(select(func.count()).select_from(Answer).where(*written)) or 0,
            people=select(Submission.user_id).where(
                mine,
                Submission.user_id.is_not(None),
                Submission.id.in_(select(Answer.submission_id).where(*written)),
            ),
        ),
    ]
