"""The builder's overview and its pages: the survey's texts, pages (sections), their order.

Every change is a plain form: POST → redirect → GET, no JavaScript; order
changes with *Move up* / *Move down* buttons.
"""

from __future__ import annotations

from flask import flash, render_template, request, url_for
from werkzeug.wrappers import Response

from pnyx import api
from pnyx_surveys import kinds
from pnyx_surveys.blueprints import builder_route
from pnyx_surveys.builder import structure
from pnyx_surveys.builder.common import back, current_questionnaire, refused, section_of
from pnyx_surveys.builder.forms import QuestionnaireSchema, SectionSchema
from pnyx_surveys.permissions import MANAGE
from pnyx_surveys.questionnaires import FrozenError, is_frozen

Page = str | tuple[str, int] | Response


@builder_route("/", methods=["GET"])
@api.requires(MANAGE)
def index() -> str:
    questionnaire = current_questionnaire()
    return render_template(
        "surveys/admin/builder.html",
        questionnaire=questionnaire,
        frozen=is_frozen(api.db_session(), questionnaire.id),
        kinds=kinds.choices(files=bool(api.current_settings().get("file_uploads"))),
        kind_label=kinds.label,
    )


@builder_route("/texts", methods=["GET", "POST"])
@api.requires(MANAGE)
def texts() -> Page:
    questionnaire = current_questionnaire()
    values = {"title": questionnaire.title, "description": questionnaire.description}
    form = api.Form(QuestionnaireSchema, values)
    if request.method == "POST" and form.validate(request.form):
        questionnaire.title = form.data["title"]
        questionnaire.description = form.data["description"]
        api.db_session().commit()
        flash(api._("The survey's texts are saved."), "success")
        return back()
    page = render_template(
        "surveys/admin/form.html", form=form, heading=api._("Title and introduction")
    )
    return (page, 400) if form.has_errors else page


@builder_route("/sections", methods=["POST"])
@api.requires(MANAGE)
def add_section() -> Response:
    questionnaire = current_questionnaire()
    api.submissions.claim()  # the button clicked twice at once: one page (docs/forms.md)
    try:
        section = structure.add_section(api.db_session(), questionnaire, {})
    except FrozenError as error:
        api.db_session().rollback()  # the token too
        return refused(error)
    api.submissions.made(url_for(".index") + f"#section-{section.id}")
    api.db_session().commit()
    flash(api._("A new page is added at the end."), "success")
    return back(f"section-{section.id}")


@builder_route("/sections/<int:section_id>", methods=["GET", "POST"])
@api.requires(MANAGE)
def edit_section(section_id: int) -> Page:
    questionnaire = current_questionnaire()
    section = section_of(questionnaire, section_id)
    form = api.Form(SectionSchema, {"title": section.title, "description": section.description})
    if request.method == "POST" and form.validate(request.form):
        section.title = form.data["title"]
        section.description = form.data["description"]
        api.db_session().commit()
        flash(api._("The page is saved."), "success")
        return back(f"section-{section.id}")
    page = render_template("surveys/admin/form.html", form=form, heading=api._("Page"))
    return (page, 400) if form.has_errors else page


@builder_route("/sections/<int:section_id>/move", methods=["POST"])
@api.requires(MANAGE)
def move_section(section_id: int) -> Response:
    questionnaire = current_questionnaire()
    section = section_of(questionnaire, section_id)
    step = -1 if request.form.get("direction") == "up" else 1
    structure.move(questionnaire.sections, section, step)
    if not structure.conditions_hold(questionnaire):
        api.db_session().rollback()
        flash(
            api._(
                "A question cannot come before the question its display depends on: "
                "change or remove that condition first."
            ),
            "error",
        )
        return back(f"section-{section_id}")
    api.db_session().commit()
    return back(f"section-{section_id}")


@builder_route("/sections/<int:section_id>/delete", methods=["POST"])
@api.requires(MANAGE)
def delete_section(section_id: int) -> Page:
    questionnaire = current_questionnaire()
    section = section_of(questionnaire, section_id)
    asked = api.confirm_first(
        title=api._("Delete this page and its questions?"),
        consequence=api._("Its questions are deleted, and conditions that depend on them."),
        button=api._("Yes, delete the page"),
        cancel_url=url_for(".index"),
    )
    if asked is not None:
        return asked
    try:
        structure.delete_section(api.db_session(), questionnaire, section)
    except FrozenError as error:
        return refused(error)
    except ValueError:
        flash(api._("A survey keeps at least one page."), "error")
        return back()
    api.db_session().commit()
    flash(api._("The page is deleted."), "success")
    return back()
