"""Groups of spaces (a budget's editions, a year's consultations): list, edit, order, delete.

A group has its own public page (``/space-groups/<slug>``) listing its spaces
by state; a space joins a group from its settings form. Deleting a group
keeps its spaces (they leave the group).
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from marshmallow import Schema, fields, validate
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload
from werkzeug.wrappers import Response

from pnyx.admin import blueprint
from pnyx.admin.editing import log_admin, move_in, render_form, submitted_for_saving
from pnyx.admin.spaces import SLUG
from pnyx.attachments.manage import manage
from pnyx.confirm import confirm_first
from pnyx.core_hooks import ADMIN
from pnyx.db import get_session
from pnyx.forms import Form, TranslatedText
from pnyx.i18n import translated
from pnyx.inputs import upload_limit
from pnyx.models import SpaceGroup
from pnyx.navigation import admin_link
from pnyx.toolkit.pagination import paginate
from pnyx.web.guards import requires

admin_link(lambda: _("Groups of spaces"), "pnyx_admin.space_groups")


def group_schema() -> Schema:
    slug = fields.String(
        required=True,
        validate=[
            validate.Length(max=80),
            validate.Regexp(
                SLUG,
                error=_l("Use lowercase letters, digits and single hyphens, as in budget-2026."),
            ),
        ],
        metadata={
            "label": _l("Web address"),
            "description": _l("The end of the group's address: budget gives /space-groups/budget."),
        },
    )
    title = TranslatedText(required=True, max_length=200, metadata={"label": _l("Title")})
    description = TranslatedText(
        rich=True,
        ugc=False,
        metadata={
            "label": _l("Description"),
            "description": _l("What the spaces of this group have in common."),
        },
    )
    return Schema.from_dict(
        {"slug": slug, "title": title, "description": description}, name="SpaceGroup"
    )()


def load_group(group_id: int) -> SpaceGroup:
    group = get_session().get(SpaceGroup, group_id)
    if group is None:
        abort(404)
    return group


@blueprint.get("/space-groups")
@requires(ADMIN)
def space_groups() -> str:
    query = (
        select(SpaceGroup)
        .options(selectinload(SpaceGroup.spaces))
        .order_by(SpaceGroup.position, SpaceGroup.id)
    )
    return render_template("pnyx/admin/space_groups.html", page=paginate(query))


@blueprint.route("/space-groups/new", methods=["GET", "POST"])
@requires(ADMIN)
def space_group_new() -> tuple[str, int] | Response:
    form = Form(group_schema())
    if submitted_for_saving(form):
        highest = get_session().scalar(select(func.max(SpaceGroup.position)))
        group = SpaceGroup(**form.data, position=0 if highest is None else highest + 1)
        if save_group(group, form, "pnyx.space_group.create"):
            flash(_("The group is created. Add spaces to it from their settings."), "success")
            return redirect(url_for("pnyx_admin.space_groups"))
    return render_form("pnyx/admin/space_group_form.html", form, group=None)


@blueprint.route("/space-groups/<int:group_id>", methods=["GET", "POST"])
@requires(ADMIN)
def space_group(group_id: int) -> tuple[str, int] | Response:
    group = load_group(group_id)
    values = {"slug": group.slug, "title": group.title, "description": group.description}
    form = Form(group_schema(), values)
    if submitted_for_saving(form):
        for key, value in form.data.items():
            setattr(group, key, value)
        if save_group(group, form, "pnyx.space_group.update"):
            flash(_("The group is saved."), "success")
            return redirect(url_for("pnyx_admin.space_groups"))
    return render_form("pnyx/admin/space_group_form.html", form, group=group)


def save_group(group: SpaceGroup, form: Form, action: str) -> bool:
    """Commit ``group`` with its log entry, or put a taken address's error on ``form``."""
    session = get_session()
    with session.no_autoflush:
        taken = session.scalar(select(SpaceGroup.id).where(SpaceGroup.slug == group.slug))
    if taken is not None and taken != group.id:
        form.add_error("slug", _("Another group already has this address."))
        session.rollback()
        return False
    session.add(group)
    try:
        session.flush()
    except IntegrityError:  # created by someone else meanwhile
        session.rollback()
        form.add_error("slug", _("Another group already has this address."))
        return False
    log_admin(session, action, ("space_group", group.id), extra={"slug": group.slug})
    session.commit()
    return True


@blueprint.route("/space-groups/<int:group_id>/image", methods=["GET", "POST"])
@upload_limit("ATTACHMENTS_MAX_BYTES")
@requires(ADMIN)
def space_group_image(group_id: int) -> Response | tuple[str, int]:
    """The group's image (its page's banner) and files, through the core's attachments:
    not tied to a space, so they are public like the group's page."""
    group = load_group(group_id)
    return manage(
        ("space_group", group.id),
        space=None,
        title=_("Image and files of %(title)s", title=translated(group.title)),
        cover=True,
        back_url=url_for("pnyx_admin.space_groups"),
    )


@blueprint.post("/space-groups/<int:group_id>/move")
@requires(ADMIN)
def space_group_move(group_id: int) -> Response:
    session = get_session()
    group = load_group(group_id)
    query = select(SpaceGroup).order_by(SpaceGroup.position, SpaceGroup.id).with_for_update()
    if move_in(list(session.scalars(query)), group, request.form.get("direction", "")):
        log_admin(session, "pnyx.space_group.move", ("space_group", group.id))
        session.commit()
    return redirect(url_for("pnyx_admin.space_groups"))


@blueprint.post("/space-groups/<int:group_id>/delete")
@requires(ADMIN)
def space_group_delete(group_id: int) -> tuple[str, int] | Response:
    group = load_group(group_id)
    page = confirm_first(
        title=_("Delete the group %(title)s?", title=translated(group.title)),
        consequence=_("Its spaces are kept: they no longer belong to a group."),
        button=_("Yes, delete the group"),
        cancel_url=url_for("pnyx_admin.space_groups"),
    )
    if page is not None:
        return page
    session = get_session()
    for space in group.spaces:
        space.group_id = None
    session.delete(group)
    extra = {"slug": group.slug}
    log_admin(session, "pnyx.space_group.delete", ("space_group", group.id), extra=extra)
    session.commit()
    flash(_("The group is deleted; its spaces are kept."), "success")
    return redirect(url_for("pnyx_admin.space_groups"))
