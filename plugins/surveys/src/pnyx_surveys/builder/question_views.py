"""Adding, editing, moving and deleting questions.

Once answers exist, the question form holds texts only (the question, its
help, the labels of its choices and rows, of its scale's ends): corrections,
never a change of meaning. Any structural request is refused with a message.
"""

from __future__ import annotations

from typing import Any

from flask import abort, flash, render_template, request, url_for
from werkzeug.wrappers import Response

from pnyx import api
from pnyx_surveys import kinds
from pnyx_surveys.blueprints import builder_route
from pnyx_surveys.builder import structure
from pnyx_surveys.builder.common import (
    back,
    current_questionnaire,
    question_of,
    refused,
    section_of,
)
from pnyx_surveys.builder.forms import lines_by_locale, question_schema
from pnyx_surveys.models import Question, Questionnaire, Section
from pnyx_surveys.permissions import MANAGE
from pnyx_surveys.questionnaires import FrozenError, is_frozen

Page = str | tuple[str, int] | Response


class FilesOffError(Exception):
    def __str__(self) -> str:
        return api._(
            "File questions are off for this survey: switch on “Questions may ask for a file” "
            "in its settings first."
        )


def _conditions(questionnaire: Questionnaire, section: Section) -> list[tuple[str, str]]:
    return [
        (
            structure.condition_value(question.id, choice.id),
            api._(
                "the answer to “%(question)s” includes “%(choice)s”",
                question=api.translated(question.text),
                choice=api.translated(choice.label),
            ),
        )
        for question, choice in structure.condition_options(questionnaire, section)
    ]


def _values(question: Question) -> dict[str, Any]:
    options = question.options or {}
    values: dict[str, Any] = {
        "text": question.text,
        "help": question.help,
        "mandatory": question.mandatory,
        "condition": structure.condition_value(
            question.condition_question_id, question.condition_choice_id
        ),
        **{key: options[key] for key in structure.OPTION_KEYS if key in options},
        "low": options.get("low") or {},
        "high": options.get("high") or {},
    }
    for role in ("choice", "row"):
        values[role + "s"] = lines_by_locale([c.label for c in question.choices_of(role)])
    return values


@builder_route("/sections/<int:section_id>/questions/new", methods=["GET", "POST"])
@api.requires(MANAGE)
def new_question(section_id: int) -> Page:
    questionnaire = current_questionnaire()
    section = section_of(questionnaire, section_id)
    kind = request.values.get("kind", "")
    if kind not in kinds.KINDS:
        abort(404)
    if kind == kinds.FILE and not api.current_settings().get("file_uploads"):
        return refused(FilesOffError())
    if is_frozen(api.db_session(), questionnaire.id):
        return refused(FrozenError())
    form = api.Form(question_schema(kind, _conditions(questionnaire, section), frozen=False))
    if request.method == "POST" and form.validate(request.form):
        api.submissions.claim()  # the form sent twice at once: one question (docs/forms.md)
        question = structure.add_question(api.db_session(), questionnaire, section, kind, form.data)
        api.submissions.made(url_for(".index") + f"#question-{question.id}")
        api.db_session().commit()
        flash(api._("The question is added."), "success")
        return back(f"question-{question.id}")
    page = _render(
        form,
        kind,
        frozen=False,
        action=url_for(".new_question", section_id=section.id, kind=kind),
        creating=True,
    )
    return (page, 400) if form.has_errors else page


@builder_route("/questions/<int:question_id>", methods=["GET", "POST"])
@api.requires(MANAGE)
def edit_question(question_id: int) -> Page:
    questionnaire = current_questionnaire()
    question = question_of(questionnaire, question_id)
    frozen = is_frozen(api.db_session(), questionnaire.id)
    schema = question_schema(question.kind, _conditions(questionnaire, question.section), frozen)
    form = api.Form(schema, _values(question))
    if request.method == "POST" and form.validate(request.form):
        try:
            structure.update_question(api.db_session(), questionnaire, question, form.data)
        except FrozenError as error:
            api.db_session().rollback()
            form.add_error("choices", str(error))
        else:
            api.db_session().commit()
            flash(api._("The question is saved."), "success")
            return back(f"question-{question.id}")
    page = _render(
        form,
        question.kind,
        frozen=frozen,
        action=url_for(".edit_question", question_id=question.id),
    )
    return (page, 400) if form.has_errors else page


def _render(form: api.Form, kind: str, *, frozen: bool, action: str, creating: bool = False) -> str:
    return render_template(
        "surveys/admin/question.html",
        form=form,
        kind_label=kinds.label(kind),
        frozen=frozen,
        action=action,
        creating=creating,
    )


@builder_route("/questions/<int:question_id>/move", methods=["POST"])
@api.requires(MANAGE)
def move_question(question_id: int) -> Response:
    questionnaire = current_questionnaire()
    question = question_of(questionnaire, question_id)
    step = -1 if request.form.get("direction") == "up" else 1
    structure.move(question.section.questions, question, step)
    api.db_session().commit()
    return back(f"question-{question.id}")


@builder_route("/questions/<int:question_id>/delete", methods=["POST"])
@api.requires(MANAGE)
def delete_question(question_id: int) -> Page:
    questionnaire = current_questionnaire()
    question = question_of(questionnaire, question_id)
    asked = api.confirm_first(
        title=api._("Delete the question “%(text)s”?", text=api.translated(question.text)),
        consequence=api._("Conditions that depend on it are removed too."),
        button=api._("Yes, delete the question"),
        cancel_url=url_for(".index"),
    )
    if asked is not None:
        return asked
    try:
        structure.delete_question(api.db_session(), questionnaire, question)
    except FrozenError as error:
        return refused(error)
    api.db_session().commit()
    flash(api._("The question is deleted."), "success")
    return back()
