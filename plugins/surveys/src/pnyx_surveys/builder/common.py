"""What every builder page needs: the questionnaire, a page or question of it, the redirect back."""

from __future__ import annotations

from flask import abort, flash, g, redirect, url_for
from werkzeug.wrappers import Response

from pnyx import api
from pnyx_surveys.models import Question, Questionnaire, Section
from pnyx_surveys.questionnaires import load, of_component


def current_questionnaire() -> Questionnaire:
    """The survey component's questionnaire, or another plugin's (``surveys_forms`` pages)."""
    other = g.get("surveys_questionnaire_id")
    if other is not None:
        found = load(api.db_session(), other)
        if found is None:
            abort(404)
        return found
    return of_component(api.db_session(), api.current_component())


def section_of(questionnaire: Questionnaire, section_id: int) -> Section:
    for section in questionnaire.sections:
        if section.id == section_id:
            return section
    abort(404)


def question_of(questionnaire: Questionnaire, question_id: int) -> Question:
    for section in questionnaire.sections:
        for question in section.questions:
            if question.id == question_id:
                return question
    abort(404)


def back(anchor: str = "") -> Response:
    return redirect(url_for(".index") + (f"#{anchor}" if anchor else ""))


def refused(error: Exception) -> Response:
    flash(str(error), "error")
    return back()
