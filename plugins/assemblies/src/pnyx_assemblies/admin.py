"""Admin pages of one assembly (``/admin/spaces/<slug>/assemblies/``): its settings.

Mounted by the core as the space type's ``admin_blueprint``: ``g.space`` is
loaded and every view declares ``api.actions.ADMIN_SPACE``, so the assembly's
own space admins manage it, as organization admins do.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from pnyx import api
from pnyx_assemblies.forms import assembly_schema
from pnyx_assemblies.kinds import PRIVATE, SPACE_TYPE, TEXT_FIELDS
from pnyx_assemblies.lookup import MAX_DEPTH, assembly_of
from pnyx_assemblies.models import Assembly

blueprint = Blueprint("assemblies_admin", __name__)

Page = str | tuple[str, int] | Response
SETTINGS = ("kind", "parent_space_id", "closing_date", "theme_id", "territory_id", *TEXT_FIELDS)


def current_assembly() -> Assembly:
    space = api.current_space()
    if space.type != SPACE_TYPE:
        abort(404)
    return assembly_of(space)


def form_values(assembly: Assembly, space: api.Space) -> dict[str, Any]:
    values = {key: getattr(assembly, key) for key in SETTINGS}
    values["visibility"] = PRIVATE if space.private else assembly.visibility
    return values


def loops(space: api.Space, parent_id: int | None) -> bool:
    """Whether making ``parent_id`` the parent of ``space`` would put it under itself."""
    seen = 0
    while parent_id is not None and seen < MAX_DEPTH:
        if parent_id == space.id:
            return True
        parent = api.db_session().get(api.Space, parent_id)
        parent_id = assembly_of(parent).parent_space_id if parent is not None else None
        seen += 1
    return parent_id is not None


@blueprint.route("/", methods=["GET", "POST"])
@api.requires(api.actions.ADMIN_SPACE)
def index() -> Page:
    space = api.current_space()
    assembly = current_assembly()
    form = api.Form(assembly_schema(space), form_values(assembly, space))
    # "Preview" draws the rendered texts under their fields and saves nothing.
    previewing = request.method == "POST" and form.previewing(request.form)
    if request.method == "POST" and not previewing and form.validate(request.form):
        if loops(space, form.data["parent_space_id"]):
            form.add_error("parent_space_id", api._("An assembly cannot be inside itself."))
        else:
            save(space, assembly, form.data)
            flash(api._("The assembly is saved."), "success")
            return redirect(url_for("assemblies_admin.index"), 303)
    status = 400 if form.has_errors else 200
    return render_template("assemblies/admin/settings.html", form=form, space=space), status


def save(space: api.Space, assembly: Assembly, data: dict[str, Any]) -> None:
    session = api.db_session()
    for key in SETTINGS:
        setattr(assembly, key, data[key])
    # Private is the core's flag (404 for outsiders); transparent is the assembly's own.
    space.private = data["visibility"] == PRIVATE
    assembly.visibility = data["visibility"]
    session.add(assembly)
    session.flush()
    api.log_action(
        session,
        "assemblies.update",
        resource=("assemblies_assembly", assembly.id),
        extra={"space_id": space.id, "visibility": assembly.visibility},
    )
    session.commit()
