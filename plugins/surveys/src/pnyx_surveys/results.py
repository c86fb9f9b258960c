"""Results: counts and percentages per question, in a fixed number of queries.

Every answer row is one value, so each figure is a ``GROUP BY`` over
``surveys_answers`` joined to the questionnaire's submissions: five queries
whatever the number of questions and answers. Percentages are of the people
who answered the question (a multiple choice adds up to more than 100 %).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from typing import Any

import attrs
from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx_surveys import kinds
from pnyx_surveys.models import Answer, Question, Questionnaire, Submission
from pnyx_surveys.questionnaires import questions


@attrs.frozen
class Bar:
    label: str
    count: int
    percent: float  # 0..1 of the question's respondents


@attrs.frozen
class Chart:
    """One bar chart: a question's, or one row of a matrix (``title`` is the row)."""

    title: str
    bars: list[Bar]


@attrs.define
class QuestionResult:
    question: Question
    respondents: int = 0
    charts: list[Chart] = attrs.Factory(list)
    #: Number questions: smallest, largest, mean; date questions: earliest, latest.
    summary: dict[str, Any] = attrs.Factory(dict)
    #: Ranking: the mean rank of each choice, by label.
    mean_ranks: list[tuple[str, float]] = attrs.Factory(list)


@attrs.frozen
class Results:
    participants: int
    #: Free texts written (text questions and "other, please specify").
    written: int
    last_answer_at: dt.datetime | None
    questions: list[QuestionResult]


def _in(questionnaire_id: int) -> Any:
    return Answer.submission_id.in_(
        select(Submission.id).where(Submission.questionnaire_id == questionnaire_id)
    )


def compute(session: Session, questionnaire: Questionnaire, label: Callable[[Any], str]) -> Results:
    """The results of ``questionnaire``; ``label`` turns a ``{locale: text}`` into text."""
    qid = questionnaire.id
    participants, last = session.execute(
        select(func.count(), func.max(Submission.updated_at)).where(
            Submission.questionnaire_id == qid
        )
    ).one()
    respondents = dict(
        session.execute(
            select(Answer.question_id, func.count(func.distinct(Answer.submission_id)))
            .where(_in(qid))
            .group_by(Answer.question_id)
        ).all()
    )
    counts: dict[int, dict[tuple[Any, Any], int]] = defaultdict(dict)
    grouped = (
        select(Answer.question_id, Answer.row_id, Answer.choice_id, func.count())
        .where(_in(qid), Answer.choice_id.is_not(None))
        .group_by(Answer.question_id, Answer.row_id, Answer.choice_id)
    )
    for question_id, row_id, choice_id, count in session.execute(grouped):
        counts[question_id][(row_id, choice_id)] = count
    others = dict(
        session.execute(
            select(Answer.question_id, func.count())
            .where(_in(qid), Answer.choice_id.is_(None), Answer.text.is_not(None))
            .group_by(Answer.question_id)
        ).all()
    )
    numbers = _numbers(session, qid)
    ranks = _ranks(session, qid)
    found = []
    for question in questions(questionnaire):
        result = QuestionResult(question, respondents.get(question.id, 0))
        _fill(result, counts[question.id], others.get(question.id, 0), numbers, ranks, label)
        found.append(result)
    written = session.scalar(
        select(func.count()).select_from(Answer).where(_in(qid), Answer.text.is_not(None))
    )
    return Results(participants, written or 0, last, found)


def _numbers(session: Session, qid: int) -> dict[int, dict[tuple[Any, ...], Any]]:
    """Per question: the count of each number (scales) and min/max/avg (numbers, dates)."""
    found: dict[int, dict[tuple[Any, ...], Any]] = defaultdict(dict)
    per_value = (
        select(Answer.question_id, Answer.number, func.count())
        .where(_in(qid), Answer.number.is_not(None), Answer.choice_id.is_(None))
        .group_by(Answer.question_id, Answer.number)
    )
    for question_id, number, count in session.execute(per_value):
        found[question_id][("value", int(number) if number == int(number) else number)] = count
    spread = (
        select(
            Answer.question_id,
            func.min(Answer.number),
            func.max(Answer.number),
            func.avg(Answer.number),
            func.min(Answer.date),
            func.max(Answer.date),
        )
        .where(_in(qid), Answer.choice_id.is_(None), Answer.text.is_(None))
        .group_by(Answer.question_id)
    )
    for question_id, low, high, mean, first, last in session.execute(spread):
        found[question_id][("spread",)] = (low, high, mean, first, last)
    return found


def _ranks(session: Session, qid: int) -> dict[int, dict[int, tuple[float, int]]]:
    """Per ranking question and choice: the mean rank and how often it came first."""
    firsts = func.sum(case((Answer.rank == 1, 1), else_=0))
    query = (
        select(Answer.question_id, Answer.choice_id, func.avg(Answer.rank), firsts)
        .where(_in(qid), Answer.rank.is_not(None))
        .group_by(Answer.question_id, Answer.choice_id)
    )
    found: dict[int, dict[int, tuple[float, int]]] = defaultdict(dict)
    for question_id, choice_id, mean, first in session.execute(query):
        found[question_id][choice_id] = (float(mean), int(first or 0))
    return found


def _bars(items: list[tuple[str, int]], total: int) -> list[Bar]:
    return [Bar(text, count, count / total if total else 0.0) for text, count in items]


def _fill(
    result: QuestionResult,
    counts: dict[tuple[Any, Any], int],
    others: int,
    numbers: dict[int, dict[tuple[Any, ...], Any]],
    ranks: dict[int, dict[int, tuple[float, int]]],
    label: Callable[[Any], str],
) -> None:
    question, total = result.question, result.respondents
    choices = question.choices_of("choice")
    if question.kind in (kinds.SINGLE, kinds.MULTIPLE):
        items = [(label(c.label), counts.get((None, c.id), 0)) for c in choices]
        if question.options.get("other"):
            items.append((other_label(), others))
        result.charts.append(Chart("", _bars(items, total)))
    elif question.kind == kinds.MATRIX:
        for row in question.choices_of("row"):
            items = [(label(c.label), counts.get((row.id, c.id), 0)) for c in choices]
            result.charts.append(Chart(label(row.label), _bars(items, total)))
    elif question.kind == kinds.RANKING:
        ranked = ranks.get(question.id, {})
        items = [(label(c.label), ranked.get(c.id, (0.0, 0))[1]) for c in choices]
        result.charts.append(Chart("", _bars(items, total)))
        result.mean_ranks = [(label(c.label), ranked[c.id][0]) for c in choices if c.id in ranked]
    elif question.kind == kinds.SCALE:
        top = question.options.get("scale") or 5
        values = numbers.get(question.id, {})
        items = [(str(point), values.get(("value", point), 0)) for point in range(1, top + 1)]
        result.charts.append(Chart("", _bars(items, total)))
    if question.kind in (kinds.NUMBER, kinds.DATE):
        spread = numbers.get(question.id, {}).get(("spread",))
        if spread:
            low, high, mean, first, last = spread
            if question.kind == kinds.NUMBER:
                result.summary = {"minimum": low, "maximum": high, "mean": mean}
            else:
                result.summary = {"earliest": first, "latest": last}


def other_label() -> str:
    return api._("Other")
