"""The survey's public pages: its introduction with the person's own answers, and the results."""

from __future__ import annotations

from typing import Any

from flask import abort, render_template, session
from sqlalchemy import select

from pnyx import api
from pnyx_surveys.answering import anonymous
from pnyx_surveys.answering.saving import find
from pnyx_surveys.answering.values import written_lines
from pnyx_surveys.blueprints import public as blueprint
from pnyx_surveys.models import Answer, Questionnaire
from pnyx_surveys.permissions import ANSWER, MANAGE
from pnyx_surveys.questionnaires import of_component, questions
from pnyx_surveys.results import compute
from pnyx_surveys.texts import published_texts


@blueprint.get("/")
@api.requires(api.actions.VIEW)
def index() -> str:
    db = api.db_session()
    questionnaire = of_component(db, api.current_component())
    submission = _own_submission(questionnaire)
    own: list[tuple[Any, list[tuple[str, bool]]]] = []
    if submission is not None:
        answers = db.scalars(select(Answer).where(Answer.submission_id == submission.id))
        by_question: dict[int, list[Answer]] = {}
        for answer in answers:
            by_question.setdefault(answer.question_id, []).append(answer)
        own = [
            (question, written_lines(question, by_question[question.id], api.translated))
            for question in questions(questionnaire)
            if question.id in by_question
        ]
    settings = api.current_settings()
    return render_template(
        "surveys/index.html",
        questionnaire=questionnaire,
        question_count=len(questions(questionnaire)),
        submission=submission,
        own=own,
        editable=bool(settings.get("editable_answers")),
        results_visible=results_visible(),
        answer_decision=api.can(ANSWER),
        anonymous_allowed=bool(settings.get("anonymous_answers")),
    )


def _own_submission(questionnaire: Questionnaire) -> Any:
    user = api.current_user()
    if user is not None:
        return find(api.db_session(), questionnaire.id, user_id=user.id)
    if api.current_settings().get("anonymous_answers") and anonymous.TOKEN_KEY in session:
        key = anonymous.anonymous_key(questionnaire.id)
        return find(api.db_session(), questionnaire.id, anonymous_key=key)
    return None


def results_visible() -> bool:
    """Public in a phase whose settings say so; always for the survey's managers."""
    return bool(api.current_settings().get("results_public")) or bool(api.can(MANAGE))


@blueprint.get("/results")
@api.requires(api.actions.VIEW)
def results() -> str:
    if not results_visible():
        abort(404)
    db = api.db_session()
    questionnaire = of_component(db, api.current_component())
    return render_template(
        "surveys/results.html",
        questionnaire=questionnaire,
        results=compute(db, questionnaire, api.translated),
        texts=published_texts(db, questionnaire),
        staff_view=not api.current_settings().get("results_public"),
    )
