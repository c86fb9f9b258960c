"""Answering page by page, on the server: which questions show, what each page says.

A page is a section. Its questions are read and checked when the person
presses *Next*; the answers of earlier pages travel in hidden fields (nothing
is stored before the last page is sent, so an abandoned survey leaves no
trace), and decide which questions of the next pages show: "show B only if
the answer to A includes X" works without JavaScript. On the last page
every shown page is read and checked again — hidden fields can be forged —,
and answers to questions that are no longer shown are dropped.
"""

from __future__ import annotations

from typing import Any

import attrs
from werkzeug.datastructures import MultiDict

from pnyx_surveys import kinds
from pnyx_surveys.answering.files import files_allowed
from pnyx_surveys.answering.reading import AnswerError, question_id_of, read
from pnyx_surveys.models import Question, Questionnaire, Section
from pnyx_surveys.questionnaires import questions


def visible(question: Question, values: dict[int, Any], by_id: dict[int, Question]) -> bool:
    """Whether ``question`` shows, given the answers so far."""
    if question.kind == kinds.FILE and not files_allowed():
        return False  # off for this survey, or an anonymous respondent (answering/files.py)
    if question.condition_question_id is None:
        return True
    source = by_id.get(question.condition_question_id)
    if source is None or source.id == question.id:
        return True
    if not visible(source, values, by_id):
        return False
    value = values.get(source.id)
    return isinstance(value, dict) and question.condition_choice_id in value.get("choices", [])


@attrs.define
class Reading:
    """The answers read from a form, and the errors by question id."""

    values: dict[int, Any] = attrs.Factory(dict)
    errors: dict[int, str] = attrs.Factory(dict)


def read_pages(questionnaire: Questionnaire, form: MultiDict[str, str], up_to: int) -> Reading:
    """Read pages ``0..up_to`` (included) in order, with the conditions they set."""
    by_id = {question.id: question for question in questions(questionnaire)}
    reading = Reading()
    for section in questionnaire.sections[: up_to + 1]:
        for question in section.questions:
            if not visible(question, reading.values, by_id):
                continue
            try:
                value = read(question, form)
            except AnswerError as error:
                reading.errors[question.id] = str(error)
                continue
            if value is not None:
                reading.values[question.id] = value
    return reading


def shown_questions(
    questionnaire: Questionnaire, section: Section, values: dict[int, Any]
) -> list[Question]:
    by_id = {question.id: question for question in questions(questionnaire)}
    return [q for q in section.questions if visible(q, values, by_id)]


def next_page(
    questionnaire: Questionnaire, page: int, values: dict[int, Any], step: int
) -> int | None:
    """The next (``step=1``) or previous (``-1``) page that shows a question; ``None``: none."""
    index = page + step
    while 0 <= index < len(questionnaire.sections):
        if shown_questions(questionnaire, questionnaire.sections[index], values):
            return index
        index += step
    return None


def first_page(questionnaire: Questionnaire) -> int:
    found = next_page(questionnaire, -1, {}, 1)
    return found if found is not None else 0


def has_free_text(questionnaire: Questionnaire) -> bool:
    """Whether a person may write text in it (a text question, an "other, please specify")."""
    return any(q.kind in kinds.TEXTS or q.options.get("other") for q in questions(questionnaire))


def carried_fields(
    form: MultiDict[str, str], questionnaire: Questionnaire, page: int
) -> list[tuple[str, str]]:
    """The answers of the other pages, as hidden ``(name, value)`` pairs for this page."""
    here = {question.id for question in questionnaire.sections[page].questions}
    return [
        (name, value)
        for name, value in form.items(multi=True)
        if (qid := question_id_of(name)) is not None and qid not in here and value
    ]
