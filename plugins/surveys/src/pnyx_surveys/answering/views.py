"""The answer form: one page per section, *Previous* / *Next* / *Send my answers*.

POST → the same page with its errors (400), or the next page, or, on the
last page, the answers saved and a redirect to the survey's page.
"""

from __future__ import annotations

from typing import Any

from flask import flash, g, redirect, render_template, request, url_for
from werkzeug.datastructures import MultiDict
from werkzeug.wrappers import Response

from pnyx import api
from pnyx_surveys import kinds
from pnyx_surveys.answering import anonymous, files, pages
from pnyx_surveys.answering.saving import AlreadyAnsweredError, find, save
from pnyx_surveys.answering.values import form_of
from pnyx_surveys.blueprints import public as blueprint
from pnyx_surveys.models import Answer, Questionnaire
from pnyx_surveys.permissions import ANSWER
from pnyx_surveys.questionnaires import of_component, questions


def _answer_rate_key() -> str:
    """Signed-in people count alone; anonymous ones per (hashed) address."""
    user = g.get("user")
    if user is not None:
        return f"surveys:user:{user.id}"
    return "surveys:" + anonymous.hashed_address()


@blueprint.get("/answer")
@api.requires(ANSWER)
def answer_form() -> str | Response:
    questionnaire = of_component(api.db_session(), api.current_component())
    existing = _existing(questionnaire)
    if existing is not None and not _editable():
        flash(api._("You have answered this survey already."), "info")
        return redirect(url_for("surveys.index"))
    form: MultiDict[str, str] = MultiDict()
    if existing is not None:
        by_id = {question.id: question for question in questions(questionnaire)}
        form = form_of(api.db_session().query(Answer).filter_by(submission_id=existing.id), by_id)
        if existing.language:
            form["language"] = existing.language  # the sending page's field shows it
    return _render(questionnaire, form, pages.first_page(questionnaire), {})


@blueprint.post("/answer")
@api.upload_limit("ATTACHMENTS_MAX_BYTES")
@api.rate_limit("SURVEYS_RATE_LIMIT_ANSWERS", _answer_rate_key)
@api.requires(ANSWER)
def answer() -> tuple[str, int] | str | Response:
    questionnaire = of_component(api.db_session(), api.current_component())
    last = len(questionnaire.sections) - 1
    page = min(max(api.as_int(request.form.get("page"), minimum=0, maximum=last) or 0, 0), last)
    # Files sent with this page are held at once and travel as keys (answering/files.py).
    form, refused_files = files.receive(questionnaire, page, request.form)
    reading = pages.read_pages(questionnaire, form, page)
    move = form.get("move", "next")
    if move == "previous":
        back = pages.next_page(questionnaire, page, reading.values, -1)
        return _render(questionnaire, form, back if back is not None else page, {})
    page_errors = {**_errors_on(questionnaire, page, reading.errors), **refused_files}
    if page_errors:
        return _render(questionnaire, form, page, page_errors), 400
    following = pages.next_page(questionnaire, page, reading.values, 1)
    if following is not None:
        return _render(questionnaire, form, following, {})
    return _finish(questionnaire, form, page)


def _finish(questionnaire: Questionnaire, form: MultiDict[str, str], page: int) -> Any:
    reading = pages.read_pages(questionnaire, form, len(questionnaire.sections) - 1)
    if reading.errors:  # forged hidden fields of an earlier page: show that page again
        first = min(_page_of(questionnaire, qid) for qid in reading.errors)
        return _render(
            questionnaire, form, first, _errors_on(questionnaire, first, reading.errors)
        ), 400
    # One language for the whole answer set, chosen on the page that sends it (decisions.md).
    language, language_error = api.read_written_language(form)
    if language_error:
        return _render(questionnaire, form, page, {"language": language_error}), 400
    user = api.current_user()
    key = None
    if user is None:
        if not anonymous.proof_passes(form.get("proof_token", ""), form.get("proof", "")):
            errors = {"proof": api._("That is not the right sum: try again.")}
            return _render(questionnaire, form, page, errors), 400
        key = anonymous.anonymous_key(questionnaire.id)
    try:
        save(
            api.db_session(),
            questionnaire,
            reading.values,
            user_id=user.id if user else None,
            anonymous_key=key,
            replace=_editable(),
            language=language,
        )
    except AlreadyAnsweredError:
        flash(api._("You have answered this survey already."), "info")
        return redirect(url_for("surveys.index"))
    flash(api._("Thank you: your answers are saved."), "success")
    return redirect(url_for("surveys.index"))


def _editable() -> bool:
    return bool(api.current_settings().get("editable_answers"))


def _existing(questionnaire: Questionnaire) -> Any:
    user = api.current_user()
    if user is not None:
        return find(api.db_session(), questionnaire.id, user_id=user.id)
    key = anonymous.anonymous_key(questionnaire.id)
    return find(api.db_session(), questionnaire.id, anonymous_key=key)


def _page_of(questionnaire: Questionnaire, question_id: int) -> int:
    for index, section in enumerate(questionnaire.sections):
        if any(question.id == question_id for question in section.questions):
            return index
    return 0


def _errors_on(questionnaire: Questionnaire, page: int, errors: dict[int, str]) -> dict[Any, str]:
    here = {question.id for question in questionnaire.sections[page].questions}
    return {qid: message for qid, message in errors.items() if qid in here}


def _render(
    questionnaire: Questionnaire, form: MultiDict[str, str], page: int, errors: dict[Any, str]
) -> str:
    values = pages.read_pages(questionnaire, form, page - 1).values if page else {}
    section = questionnaire.sections[page]
    is_last = (
        pages.next_page(questionnaire, page, _all_values(questionnaire, form, page), 1) is None
    )
    proof = anonymous.new_proof() if is_last and api.current_user() is None else None
    asks_language = is_last and pages.has_free_text(questionnaire)
    carried = pages.carried_fields(form, questionnaire, page)
    if not asks_language and form.get("language"):  # chosen on the last page: kept on the way
        carried.append(("language", form["language"]))
    return render_template(
        "surveys/answer.html",
        questionnaire=questionnaire,
        section=section,
        page=page,
        page_count=len(questionnaire.sections),
        shown=pages.shown_questions(questionnaire, section, values),
        form=form,
        carried=carried,
        asks_language=asks_language,
        received=files.shown_files(section.questions, form),
        file_limits={q.id: files.limits_text(q) for q in section.questions if q.kind == kinds.FILE},
        errors=errors,
        is_first=pages.next_page(questionnaire, page, values, -1) is None,
        is_last=is_last,
        proof=proof,
    )


def _all_values(questionnaire: Questionnaire, form: MultiDict[str, str], page: int) -> dict:
    """Answers up to this page, read leniently: "is this the last page?" depends on them."""
    return pages.read_pages(questionnaire, form, page).values
