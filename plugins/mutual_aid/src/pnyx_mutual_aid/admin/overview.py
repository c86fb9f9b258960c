"""The safety guidance staff write, and the statistics without names."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from marshmallow import Schema
from werkzeug.wrappers import Response

from pnyx import api
from pnyx_mutual_aid import categories, guidance, stats
from pnyx_mutual_aid.admin import blueprint


class GuidanceSchema(Schema):
    body = api.TranslatedText(
        multiline=True,
        rich=True,
        max_length=10_000,
        metadata={
            "label": api._l("Safety guidance"),
            "description": api._l(
                "Shown before anyone writes to someone for the first time. Leave it empty "
                "to show the built-in guidance."
            ),
        },
    )


@blueprint.route("/guidance", methods=["GET", "POST"])
@api.requires(api.actions.ADMIN_SPACE)
def edit_guidance() -> str | tuple[str, int] | Response:
    component = api.current_component()
    form = api.Form(GuidanceSchema, values={"body": guidance.stored(component)})
    if (
        request.method == "POST"
        and not form.previewing(request.form)
        and form.validate(request.form)
    ):
        guidance.save(component, form.data["body"] or {})
        api.db_session().commit()
        flash(api._("The safety guidance is saved."), "success")
        return redirect(url_for("mutual_aid_admin.edit_guidance"))
    page = render_template("mutual_aid/admin/guidance.html", form=form)
    return page, 400 if form.has_errors else 200


@blueprint.get("/statistics")
@api.requires(api.actions.ADMIN_SPACE)
def statistics() -> str:
    component = api.current_component()
    session = api.db_session()
    names = {row.id: row.name for row in categories.categories_of(component)}
    counted = {figure.name: figure.value for figure in stats.figures([component], session) or ()}
    return render_template(
        "mutual_aid/admin/statistics.html",
        rows=stats.by_category_and_territory(session, component),
        category_names=names,
        territory_names=api.term_labels(),
        posts=counted["mutual_aid.posts"],
        matches=counted["mutual_aid.matches"],
        conversations=stats.conversations_count(session, component),
    )
