"""Staff build a survey without JavaScript; once answered, only texts may change."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

from pnyx import api
from pnyx.testing import PnyxClient
from pnyx_surveys import kinds
from pnyx_surveys.answering.saving import save
from pnyx_surveys.models import Question
from pnyx_surveys.questionnaires import load, of_component


def _admin(client: PnyxClient, make_user: Callable[..., api.User]) -> None:
    client.sign_in(make_user(roles=["admin"]))


def test_staff_add_a_multiple_choice_question_with_translated_choices(
    client: PnyxClient,
    session: Session,
    make_user: Callable[..., api.User],
    urls: Callable[..., str],
    component: api.Component,
) -> None:
    _admin(client, make_user)
    questionnaire = of_component(session, component)
    section = questionnaire.sections[0]
    new = urls("surveys_admin.new_question", section_id=section.id, kind=kinds.MULTIPLE)
    assert "Offer “Other, please specify”" in client.get(new).text
    response = client.post_form(
        new,
        {
            "text.fr": "Comment venez-vous ?",
            "text.en": "How do you come?",
            "choices.fr": "Voiture\nVélo",
            "choices.en": "Car\nBike",
            "max_choices": "2",
            "other": "true",
            "mandatory": "true",
        },
    )
    assert response.status_code == 302
    question = session.get(Question, 1)
    assert question is not None and question.mandatory and question.options["other"]
    assert [c.label for c in question.choices] == [
        {"fr": "Voiture", "en": "Car"},
        {"fr": "Vélo", "en": "Bike"},
    ]
    page = client.get(urls("surveys_admin.index")).text
    assert "How do you come?" in page and "Multiple choice" in page


def test_choices_must_line_up_across_languages(
    client: PnyxClient,
    session: Session,
    make_user: Callable[..., api.User],
    urls: Callable[..., str],
    component: api.Component,
) -> None:
    _admin(client, make_user)
    section = of_component(session, component).sections[0]
    response = client.post_form(
        urls("surveys_admin.new_question", section_id=section.id, kind=kinds.SINGLE),
        {"text.fr": "Q", "choices.fr": "a\nb", "choices.en": "A"},
    )
    assert response.status_code == 400
    assert "Every language needs the same number of lines." in response.text


def test_pages_and_questions_move_up_and_down(
    client: PnyxClient,
    session: Session,
    make_user: Callable[..., api.User],
    urls: Callable[..., str],
    conditional_survey: dict[str, Any],
) -> None:
    _admin(client, make_user)
    parking, remark = conditional_survey["parking"], conditional_survey["remark"]
    client.post_form(
        urls("surveys_admin.move_question", question_id=remark.id), {"direction": "up"}
    )
    questionnaire = load(session, conditional_survey["questionnaire"].id)
    assert questionnaire is not None
    assert [q.id for q in questionnaire.sections[1].questions] == [remark.id, parking.id]
    # Page 2 holds a question whose display depends on page 1: it cannot go first.
    second = questionnaire.sections[1]
    refused = client.post_form(
        urls("surveys_admin.move_section", section_id=second.id),
        {"direction": "up"},
        follow_redirects=True,
    )
    assert "cannot come before the question its display depends on" in refused.text
    assert load(session, questionnaire.id).sections[1].id == second.id  # type: ignore[union-attr]


def test_conditions_may_only_test_questions_of_earlier_pages(
    client: PnyxClient,
    session: Session,
    make_user: Callable[..., api.User],
    urls: Callable[..., str],
    conditional_survey: dict[str, Any],
) -> None:
    _admin(client, make_user)
    mode = conditional_survey["mode"]
    first_page = client.get(urls("surveys_admin.edit_question", question_id=mode.id)).text
    second_page = client.get(
        urls("surveys_admin.edit_question", question_id=conditional_survey["remark"].id)
    ).text
    offer = "the answer to “How do you travel?” includes “Car”"
    assert offer not in first_page and offer in second_page


def _answer_once(session: Session, survey: dict[str, Any]) -> None:
    questionnaire = load(session, survey["questionnaire"].id)
    assert questionnaire is not None
    mode = survey["mode"]
    save(
        session,
        questionnaire,
        {mode.id: {"choices": [mode.choices[1].id], "other": ""}},
        anonymous_key="k",
    )


def test_once_answered_questions_cannot_be_removed_or_change_their_choices(
    client: PnyxClient,
    session: Session,
    make_user: Callable[..., api.User],
    urls: Callable[..., str],
    conditional_survey: dict[str, Any],
) -> None:
    _answer_once(session, conditional_survey)
    _admin(client, make_user)
    mode, remark = conditional_survey["mode"], conditional_survey["remark"]
    builder = client.get(urls("surveys_admin.index")).text
    assert "People have answered already" in builder and "Add a question" not in builder

    deleted = client.post_form(
        urls("surveys_admin.delete_question", question_id=remark.id),
        {"confirmed": "yes"},
        follow_redirects=True,
    )
    assert "Only texts may be corrected." in deleted.text
    assert session.get(Question, remark.id) is not None

    edit = urls("surveys_admin.edit_question", question_id=mode.id)
    assert "An answer is required" not in client.get(edit).text  # texts only
    more = client.post_form(edit, {"text.fr": "Q", "choices.fr": "Car\nBike\nBus"})
    assert more.status_code == 400 and "Only texts may be corrected." in more.text
    assert len(session.get(Question, mode.id).choices) == 2  # type: ignore[union-attr]

    fixed = client.post_form(
        edit,
        {
            "text.fr": "Comment voyagez-vous ?",
            "text.en": "How do you travel?",
            "choices.fr": "Voiture\nVélo",
            "choices.en": "Car\nBicycle",
        },
    )
    assert fixed.status_code == 302
    question = session.get(Question, mode.id)
    assert question is not None and question.choices[1].label["en"] == "Bicycle"
    assert question.mandatory  # untouched by the texts-only form


def test_residents_and_space_moderators_cannot_open_the_builder(
    client: PnyxClient,
    make_user: Callable[..., api.User],
    urls: Callable[..., str],
    component: api.Component,
) -> None:
    client.sign_in(make_user())
    assert client.get(urls("surveys_admin.index")).status_code == 403
    client.sign_in(make_user(space_roles={component.space: "moderator"}))
    assert client.get(urls("surveys_admin.index")).status_code == 403
    client.sign_in(make_user(space_roles={component.space: "admin"}))
    assert client.get(urls("surveys_admin.index")).status_code == 200
