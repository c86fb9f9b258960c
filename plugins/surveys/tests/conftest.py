"""Fixtures for the surveys plugin's tests, on top of the core's test kit (docs/testing.md)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask, url_for
from sqlalchemy.orm import Session

from pnyx import api
from pnyx.testing import PnyxClient
from pnyx_surveys import kinds
from pnyx_surveys.models import Choice, Question, Questionnaire, Section
from pnyx_surveys.questionnaires import load, of_component


@pytest.fixture
def pnyx_plugins() -> list[str]:
    return ["surveys"]


@pytest.fixture
def client(client: PnyxClient) -> PnyxClient:
    """The kit's client, reading in English (the test organization speaks French first)."""
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def component(make_component: Callable[..., api.Component]) -> api.Component:
    return make_component("surveys")


def _url(app: Flask, component: api.Component, endpoint: str, **values: Any) -> str:
    with app.test_request_context():
        return url_for(
            endpoint, space_slug=component.space.slug, component_id=component.id, **values
        )


@pytest.fixture
def urls(app: Flask, component: api.Component) -> Callable[..., str]:
    """``urls("surveys.answer")``: a page of the component."""
    return lambda endpoint, **values: _url(app, component, endpoint, **values)


def add_question(
    session: Session,
    section: Section,
    kind: str,
    text: str,
    choices: tuple[str, ...] = (),
    rows: tuple[str, ...] = (),
    **fields: Any,
) -> Question:
    question = Question(
        questionnaire_id=section.questionnaire_id,
        kind=kind,
        text={"fr": text, "en": text},
        position=len(section.questions),
        **fields,
    )
    question.choices = [
        Choice(role="choice", position=i, label={"fr": c, "en": c}) for i, c in enumerate(choices)
    ] + [Choice(role="row", position=i, label={"fr": r, "en": r}) for i, r in enumerate(rows)]
    section.questions.append(question)
    session.flush()
    return question


@pytest.fixture
def conditional_survey(session: Session, component: api.Component) -> dict[str, Any]:
    """Two pages: "How do you travel?" (car, bike); page 2 asks about parking only to drivers."""
    questionnaire: Questionnaire = of_component(session, component)
    first = questionnaire.sections[0]
    second = Section(questionnaire_id=questionnaire.id, position=1)
    questionnaire.sections.append(second)
    session.flush()
    mode = add_question(
        session, first, kinds.SINGLE, "How do you travel?", ("Car", "Bike"), mandatory=True
    )
    parking = add_question(session, second, kinds.SHORT_TEXT, "Where do you park?", mandatory=True)
    parking.condition_question_id = mode.id
    parking.condition_choice_id = mode.choices[0].id
    remark = add_question(session, second, kinds.LONG_TEXT, "A remark?")
    session.commit()
    return {"questionnaire": questionnaire, "mode": mode, "parking": parking, "remark": remark}


@pytest.fixture
def new_question() -> Callable[..., Question]:
    """``new_question(session, section, kind, text, choices, rows, **fields)``."""
    return add_question


def question_with_other(session: Session, component: api.Component, kind: str) -> Question:
    """A mandatory "Which services?" (Town planning, Taxes) offering "Other, please specify",
    alone on the component's first page; committed."""
    section = of_component(session, component).sections[0]
    question = add_question(
        session, section, kind, "Which services?", ("Town planning", "Taxes"), mandatory=True
    )
    question.options = {"other": True}
    session.commit()
    return question


def reloaded(session: Session, survey: dict[str, Any]) -> Questionnaire:
    """The questionnaire of ``survey`` (``conditional_survey``) read again, as saved."""
    questionnaire = load(session, survey["questionnaire"].id)
    assert questionnaire is not None
    return questionnaire


@pytest.fixture
def editable_answers(session: Session, component: api.Component) -> None:
    """The survey lets people change their answers."""
    component.settings = {"global": {"editable_answers": True}}
    session.commit()
