"""Loading a questionnaire whole, and whether it is frozen (answers exist).

Once the first answer exists, answers must keep meaning what they meant: the
builder refuses to remove questions, sections or choices, to add any, or to
change a kind, a condition or an option; texts may still be corrected.
"""

from __future__ import annotations

from sqlalchemy import exists, select
from sqlalchemy.orm import Session, selectinload

from pnyx import api
from pnyx_surveys.models import COMPONENT_OWNER, Question, Questionnaire, Section, Submission


class FrozenError(ValueError):
    """A structural change refused because answers exist."""

    def __init__(self) -> None:
        super().__init__(
            api._(
                "People have answered already: questions, choices and kinds can no longer "
                "change, so that every answer keeps its meaning. Only texts may be corrected."
            )
        )


def load(session: Session, questionnaire_id: int) -> Questionnaire | None:
    """The questionnaire with its sections, questions and choices, in four queries."""
    query = (
        select(Questionnaire)
        .where(Questionnaire.id == questionnaire_id)
        .options(
            selectinload(Questionnaire.sections)
            .selectinload(Section.questions)
            .selectinload(Question.choices)
        )
    )
    return session.scalar(query)


def of_owner(session: Session, owner_type: str, owner_id: int) -> Questionnaire | None:
    query = select(Questionnaire.id).where(
        Questionnaire.owner_type == owner_type, Questionnaire.owner_id == owner_id
    )
    found = session.scalar(query)
    return load(session, found) if found is not None else None


def create(
    session: Session, component: api.Component, owner_type: str, owner_id: int
) -> Questionnaire:
    """A new questionnaire with one empty section (the first page)."""
    questionnaire = Questionnaire(
        component_id=component.id, owner_type=owner_type, owner_id=owner_id
    )
    questionnaire.sections.append(Section(position=0))
    session.add(questionnaire)
    session.flush()
    return questionnaire


def of_component(session: Session, component: api.Component) -> Questionnaire:
    """The survey component's questionnaire, created (with a first page) on first use."""
    found = of_owner(session, COMPONENT_OWNER, component.id)
    if found is None:
        found = create(session, component, COMPONENT_OWNER, component.id)
        session.commit()
    return found


def is_frozen(session: Session, questionnaire_id: int) -> bool:
    query = select(exists().where(Submission.questionnaire_id == questionnaire_id))
    return bool(session.scalar(query))


def check_not_frozen(session: Session, questionnaire_id: int) -> None:
    if is_frozen(session, questionnaire_id):
        raise FrozenError()


def questions(questionnaire: Questionnaire) -> list[Question]:
    """Every question in page order."""
    return [question for section in questionnaire.sections for question in section.questions]
