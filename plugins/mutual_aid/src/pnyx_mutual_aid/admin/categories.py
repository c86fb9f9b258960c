"""Staff edit the board's categories: names in every language, order, archiving, new ones."""

from __future__ import annotations

import re

from flask import abort, flash, redirect, render_template, request, url_for
from marshmallow import Schema, fields, validate
from sqlalchemy import func, select
from werkzeug.wrappers import Response

from pnyx import api
from pnyx_mutual_aid import categories as board_categories
from pnyx_mutual_aid.admin import blueprint
from pnyx_mutual_aid.models import AidCategory

CODE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


class CategorySchema(Schema):
    name = api.TranslatedText(required=True, max_length=80, metadata={"label": api._l("Name")})
    archived = fields.Boolean(
        load_default=False,
        metadata={"label": api._l("Archived (not offered for new posts; its posts keep it)")},
    )


class NewCategorySchema(CategorySchema):
    code = fields.String(
        required=True,
        validate=validate.Regexp(
            CODE, error=api._l("Lower-case letters, digits and _, starting with a letter.")
        ),
        metadata={"label": api._l("Code (never shown, unique on this board)")},
    )


@blueprint.get("/")
@api.requires(api.actions.ADMIN_SPACE)
def categories() -> str:
    component = api.current_component()
    return render_template(
        "mutual_aid/admin/categories.html",
        categories=board_categories.categories_of(component),
        form=api.Form(NewCategorySchema),
    )


@blueprint.post("/categories")
@api.requires(api.actions.ADMIN_SPACE)
def add_category() -> str | tuple[str, int] | Response:
    component = api.current_component()
    form = api.Form(NewCategorySchema)
    if form.validate(request.form):
        session = api.db_session()
        # Sent twice: back to the first sending's category, not "this code is taken"
        # (docs/forms.md); a refused form is not committed, which frees its token.
        api.submissions.claim()
        taken = select(AidCategory.id).where(
            AidCategory.component_id == component.id, AidCategory.code == form.data["code"]
        )
        if session.scalar(taken) is not None:
            session.rollback()  # the token too: the form may be sent again with another code
            form.add_error("code", api._("This code is taken on this board."))
        else:
            last = select(func.max(AidCategory.position)).where(
                AidCategory.component_id == component.id
            )
            session.add(
                AidCategory(
                    component_id=component.id,
                    code=form.data["code"],
                    name=form.data["name"],
                    archived=form.data["archived"],
                    position=(session.scalar(last) or 0) + 1,
                )
            )
            api.log_action(session, "mutual_aid.category_added", component=component)
            api.submissions.made(url_for("mutual_aid_admin.categories"))
            session.commit()
            flash(api._("The category is added."), "success")
            return redirect(url_for("mutual_aid_admin.categories"))
    page = render_template(
        "mutual_aid/admin/categories.html",
        categories=board_categories.categories_of(component),
        form=form,
    )
    return page, 400


def _category(code: str) -> AidCategory:
    query = select(AidCategory).where(
        AidCategory.component_id == api.current_component().id, AidCategory.code == code
    )
    found = api.db_session().scalar(query)
    if found is None:
        abort(404)
    return found


@blueprint.route("/categories/<code>", methods=["GET", "POST"])
@api.requires(api.actions.ADMIN_SPACE)
def edit_category(code: str) -> str | tuple[str, int] | Response:
    category = _category(code)
    form = api.Form(CategorySchema, values={"name": category.name, "archived": category.archived})
    if request.method == "POST" and form.validate(request.form):
        category.name = form.data["name"]
        category.archived = form.data["archived"]
        api.log_action(
            api.db_session(), "mutual_aid.category_changed", component=api.current_component()
        )
        api.db_session().commit()
        flash(api._("The category is saved."), "success")
        return redirect(url_for("mutual_aid_admin.categories"))
    page = render_template("mutual_aid/admin/category.html", category=category, form=form)
    return page, 400 if form.has_errors else 200
