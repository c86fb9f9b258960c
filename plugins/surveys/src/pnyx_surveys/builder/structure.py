"""Changing a questionnaire: pages, questions, choices, order, conditions.

Every structural change asks :func:`questionnaires.check_not_frozen` first;
text corrections never do. The caller commits.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from pnyx_surveys import kinds
from pnyx_surveys.builder.forms import labels_by_line
from pnyx_surveys.models import Choice, Question, Questionnaire, Section
from pnyx_surveys.questionnaires import FrozenError, check_not_frozen, is_frozen, questions

OPTION_KEYS = (
    "min_choices",
    "max_choices",
    "other",
    "multiple",
    "scale",
    "minimum",
    "maximum",
    "max_mb",
    "accept",
)


def add_section(session: Session, questionnaire: Questionnaire, texts: dict[str, Any]) -> Section:
    check_not_frozen(session, questionnaire.id)
    section = Section(position=len(questionnaire.sections), **texts)
    questionnaire.sections.append(section)
    session.flush()
    return section


def delete_section(session: Session, questionnaire: Questionnaire, section: Section) -> None:
    check_not_frozen(session, questionnaire.id)
    if len(questionnaire.sections) == 1:
        raise ValueError("last page")
    gone = {question.id for question in section.questions}
    _drop_conditions_on(questionnaire, gone)
    questionnaire.sections.remove(section)
    _renumber(questionnaire.sections)


def move(items: list[Any], item: Any, step: int) -> bool:
    """Move ``item`` one place up (``-1``) or down (``+1``) in ``items``; ``False`` at an end.

    Order never changes what an answer means, so moving is allowed when frozen;
    moving a page the caller checks with :func:`conditions_hold`.
    """
    ordered = list(items)  # the relationship's list stays as loaded: positions say the order
    index = ordered.index(item)
    target = index + step
    if not 0 <= target < len(ordered):
        return False
    ordered[index], ordered[target] = ordered[target], ordered[index]
    _renumber(ordered)
    return True


def _renumber(items: list[Any]) -> None:
    for position, item in enumerate(items):
        item.position = position


def add_question(
    session: Session, questionnaire: Questionnaire, section: Section, kind: str, data: dict
) -> Question:
    check_not_frozen(session, questionnaire.id)
    question = Question(
        questionnaire_id=questionnaire.id, kind=kind, position=len(section.questions)
    )
    section.questions.append(question)
    _write(question, data, frozen=False)
    session.flush()
    _set_condition(question, questionnaire, data.get("condition", ""))
    return question


def update_question(
    session: Session, questionnaire: Questionnaire, question: Question, data: dict
) -> None:
    """Texts always; the structure (choices' count, options, condition) only when not frozen.

    Frozen is read from the database, not from the form the person saw: answers
    that arrived while staff were editing freeze the question all the same.
    """
    frozen = is_frozen(session, questionnaire.id)
    if frozen and _changes_structure(question, data):
        raise FrozenError()
    _write(question, data, frozen=frozen)
    if not frozen:
        _set_condition(question, questionnaire, data.get("condition", ""))


def _changes_structure(question: Question, data: dict[str, Any]) -> bool:
    for key in ("choices", "rows"):
        if key in data and len(labels_by_line(data[key])) != len(question.choices_of(key[:-1])):
            return True
    if "mandatory" in data and bool(data["mandatory"]) != question.mandatory:
        return True
    if "condition" in data and data["condition"] != condition_value(
        question.condition_question_id, question.condition_choice_id
    ):
        return True
    options = question.options or {}
    return any(key in data and data[key] != options.get(key, data[key]) for key in OPTION_KEYS)


def delete_question(session: Session, questionnaire: Questionnaire, question: Question) -> None:
    check_not_frozen(session, questionnaire.id)
    _drop_conditions_on(questionnaire, {question.id})
    section = question.section
    section.questions.remove(question)
    _renumber(section.questions)


def _write(question: Question, data: dict[str, Any], *, frozen: bool) -> None:
    question.text = data["text"]
    question.help = data.get("help") or {}
    options = dict(question.options or {})
    for key in ("low", "high"):
        if key in data:
            options[key] = data[key] or {}
    if not frozen:
        question.mandatory = bool(data.get("mandatory"))
        for key in OPTION_KEYS:
            if key in data:
                options[key] = data[key]
    question.options = options
    for role in ("choice", "row"):
        if role + "s" in data:
            _write_choices(question, role, labels_by_line(data[role + "s"]))


def _write_choices(question: Question, role: str, labels: list[dict[str, str]]) -> None:
    """Correct the labels in place; add or remove choices at the end (when not frozen)."""
    existing = question.choices_of(role)
    for choice, label in zip(existing, labels, strict=False):
        choice.label = label
    for choice in existing[len(labels) :]:
        question.choices.remove(choice)
    for position, label in enumerate(labels[len(existing) :], start=len(existing)):
        question.choices.append(Choice(role=role, position=position, label=label))


def condition_options(
    questionnaire: Questionnaire, section: Section
) -> list[tuple[Question, Choice]]:
    """The ``(question, choice)`` pairs a question of ``section`` may depend on.

    Only single and multiple choice questions of **earlier pages**: a page is
    checked on the server before the next one is drawn, so a condition on a
    question of the same page could not be evaluated without JavaScript.
    """
    earlier = questionnaire.sections[: questionnaire.sections.index(section)]
    return [
        (question, choice)
        for page in earlier
        for question in page.questions
        if question.kind in kinds.CONDITIONAL
        for choice in question.choices_of("choice")
    ]


def condition_value(question_id: int | None, choice_id: int | None) -> str:
    return f"{question_id}:{choice_id}" if question_id and choice_id else ""


def _set_condition(question: Question, questionnaire: Questionnaire, value: str) -> None:
    question.condition_question_id = None
    question.condition_choice_id = None
    if not value:
        return
    allowed = {
        condition_value(q.id, c.id): (q.id, c.id)
        for q, c in condition_options(questionnaire, question.section)
    }
    if value in allowed:
        question.condition_question_id, question.condition_choice_id = allowed[value]


def _drop_conditions_on(questionnaire: Questionnaire, question_ids: set[int]) -> None:
    for question in questions(questionnaire):
        if question.condition_question_id in question_ids:
            question.condition_question_id = None
            question.condition_choice_id = None


def conditions_hold(questionnaire: Questionnaire) -> bool:
    """Whether every condition tests a question of an earlier page."""
    sections = sorted(questionnaire.sections, key=lambda section: section.position)
    page_of = {
        question.id: index
        for index, section in enumerate(sections)
        for question in section.questions
    }
    return all(
        page_of.get(question.condition_question_id, -1) < page_of[question.id]
        for question in questions(questionnaire)
        if question.condition_question_id is not None
    )
