"""Staff read the written answers and choose which the results page shows."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from sqlalchemy import select
from werkzeug.wrappers import Response

from pnyx import api
from pnyx_surveys.blueprints import admin as blueprint
from pnyx_surveys.models import Answer, Submission
from pnyx_surveys.permissions import MANAGE
from pnyx_surveys.questionnaires import of_component, questions
from pnyx_surveys.texts import moderation_page, set_published

FILTERS = {"waiting": False, "published": True, "all": None}


@blueprint.get("/texts")
@api.requires(MANAGE)
def texts_moderation() -> str:
    questionnaire = of_component(api.db_session(), api.current_component())
    shown = request.args.get("show", "waiting")
    shown = shown if shown in FILTERS else "waiting"
    return render_template(
        "surveys/admin/texts.html",
        page=moderation_page(questionnaire, FILTERS[shown]),
        by_id={question.id: question for question in questions(questionnaire)},
        shown=shown,
    )


@blueprint.post("/texts/<int:answer_id>")
@api.requires(MANAGE)
def publish_text(answer_id: int) -> Response:
    questionnaire = of_component(api.db_session(), api.current_component())
    answer = api.get_or_404(
        Answer,
        answer_id,
        where=[
            Answer.submission_id.in_(
                select(Submission.id).where(Submission.questionnaire_id == questionnaire.id)
            ),
            Answer.text.is_not(None),
        ],
    )
    publish = request.form.get("publish") == "yes"
    set_published(api.db_session(), answer, publish, api.current_component())
    if publish:
        flash(api._("The answer is published."), "success")
    else:
        flash(api._("The answer is withdrawn from the results."), "success")
    show = request.form.get("show", "waiting")
    return redirect(
        url_for("surveys_admin.texts_moderation", show=show if show in FILTERS else None)
    )
