"""Spaces: list, create, edit, publish, delete.

A space's admin page (``/admin/spaces/<slug>``) is where staff run a
process: its status, its phases, its components and its members. The core
loads the space from ``<space_slug>`` into ``g.space``, as for every page
under a space.
"""

from __future__ import annotations

import re
from typing import Any

from flask import current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from marshmallow import Schema, fields, validate
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from werkzeug.wrappers import Response

from pnyx.admin import blueprint
from pnyx.admin.editing import (
    link,
    log_admin,
    move_in,
    registry,
    render_form,
    submitted_for_saving,
)
from pnyx.core_hooks import ADMIN, ADMIN_SPACE
from pnyx.db import get_session
from pnyx.forms import Form, TranslatedText
from pnyx.i18n import translated
from pnyx.inputs import page_arg
from pnyx.models import Space, SpaceGroup, TaxonomyTerm
from pnyx.navigation import admin_link
from pnyx.toolkit.taxonomy import term_field
from pnyx.web.guards import requires

admin_link(lambda: _("Spaces"), "pnyx_admin.spaces")

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def space_fields() -> dict[str, fields.Field]:
    """The fields of a space that can change after its creation."""
    return {
        "slug": fields.String(
            required=True,
            validate=[
                validate.Length(max=80),
                validate.Regexp(
                    SLUG,
                    error=_l(
                        "Use lowercase letters, digits and single hyphens, as in budget-2026."
                    ),
                ),
            ],
            metadata={
                "label": _l("Web address"),
                "description": _l(
                    "The end of the space's address: budget-2026 gives /spaces/budget-2026. "
                    "Lowercase letters, digits and hyphens."
                ),
            },
        ),
        "title": TranslatedText(required=True, max_length=200, metadata={"label": _l("Title")}),
        "description": TranslatedText(
            rich=True,
            ugc=False,
            metadata={
                "label": _l("Description"),
                "description": _l("What the space is about, who can take part and how."),
            },
        ),
        "private": fields.Boolean(
            load_default=False,
            metadata={
                "label": _l("Private space"),
                "description": _l("Only people who hold a role in the space see it."),
            },
        ),
        **listing_fields(),
    }


def listing_fields() -> dict[str, fields.Field]:
    """Where residents find the space: its group, mark, territory and themes."""
    groups = list(get_session().scalars(select(SpaceGroup).order_by(SpaceGroup.position)))
    return {
        "group_id": fields.Integer(
            load_default=None,
            allow_none=True,
            validate=validate.OneOf(
                [group.id for group in groups], labels=[translated(g.title) for g in groups]
            ),
            metadata={
                "label": _l("Group"),
                "description": _l("The editions of a budget, a year's consultations..."),
            },
        ),
        "highlighted": fields.Boolean(
            load_default=False,
            metadata={
                "label": _l("Highlighted"),
                "description": _l("Shown first in the lists of spaces, with a mark."),
            },
        ),
        "territory_id": term_field("territory", _l("Territory"), space=None),
        "theme_ids": term_field(
            "theme",
            _l("Themes"),
            many=True,
            space=None,  # every theme: this is where the space's own are chosen
            description=_l(
                "The themes its components offer. None checked: every theme of the organization."
            ),
        ),
    }


def apply_space_form(space: Space, data: dict[str, Any]) -> None:
    """Set the space's fields from a valid form (the themes from their ids)."""
    data = dict(data)
    wanted = set(data.pop("theme_ids", None) or ())
    for key, value in data.items():
        setattr(space, key, value)
    session = get_session()
    with session.no_autoflush:  # the slug is checked before anything is written
        terms = list(session.scalars(select(TaxonomyTerm).where(TaxonomyTerm.id.in_(wanted))))
    space.themes = sorted(terms, key=lambda term: (term.position, term.id))


def space_values(space: Space) -> dict[str, Any]:
    keys = ("slug", "title", "description", "private", "group_id", "highlighted", "territory_id")
    return {**{k: getattr(space, k) for k in keys}, "theme_ids": [t.id for t in space.themes]}


def new_space_schema() -> Schema:
    types = registry().space_types
    type_field = fields.String(
        required=True,
        validate=validate.OneOf(list(types), labels=[str(t.label) for t in types.values()]),
        metadata={"label": _l("Kind of space")},
    )
    return Schema.from_dict({"type": type_field, **space_fields()}, name="NewSpace")()


def edit_space_schema() -> Schema:
    return Schema.from_dict(space_fields(), name="SpaceSettings")()


@blueprint.get("/spaces")
@requires(ADMIN)
def spaces() -> str:
    page = page_arg()
    size = current_app.config["PAGE_SIZE"]
    query = select(Space).order_by(Space.position, Space.id).offset((page - 1) * size)
    rows = list(get_session().scalars(query.limit(size + 1)))
    return render_template(
        "pnyx/admin/spaces.html",
        spaces=rows[:size],
        space_types=registry().space_types,
        page=page,
        has_next=len(rows) > size,
    )


@blueprint.route("/spaces/new", methods=["GET", "POST"])
@requires(ADMIN)
def space_new() -> tuple[str, int] | Response:
    form = Form(new_space_schema(), {"type": "process"})
    if submitted_for_saving(form):
        space = Space(type=form.data["type"], published=False, position=next_space_position())
        apply_space_form(space, {k: v for k, v in form.data.items() if k != "type"})
        if save_space(space, form, "pnyx.space.create"):
            flash(
                _("The space is created. Add its phases and components, then publish it."),
                "success",
            )
            return redirect(url_for("pnyx_admin.space", space_slug=space.slug))
    return render_form("pnyx/admin/space_form.html", form, space=None)


def next_space_position() -> int:
    highest = get_session().scalar(select(func.max(Space.position)))
    return 0 if highest is None else highest + 1


def save_space(space: Space, form: Form, action: str) -> bool:
    """Commit ``space`` with its log entry, or put a taken slug's error on ``form``."""
    session = get_session()
    with session.no_autoflush:
        taken = session.scalar(select(Space.id).where(Space.slug == space.slug))
    if taken is not None and taken != space.id:
        form.add_error("slug", _("Another space already has this address."))
        session.rollback()
        return False
    session.add(space)
    try:
        session.flush()
    except IntegrityError:  # created by someone else meanwhile
        session.rollback()
        form.add_error("slug", _("Another space already has this address."))
        return False
    log_admin(session, action, ("space", space.id), space=space, extra={"slug": space.slug})
    session.commit()
    return True


@blueprint.get("/spaces/<space_slug>")
@requires(ADMIN_SPACE)
def space() -> str:
    space: Space = g.space
    return render_template(
        "pnyx/admin/space.html",
        space=space,
        space_type=registry().space_types.get(space.type),
        component_types=registry().component_types,
        roles_url=link(
            "pnyx_admin.space_roles", f"/admin/spaces/{space.slug}/roles", space_slug=space.slug
        ),
    )


@blueprint.route("/spaces/<space_slug>/edit", methods=["GET", "POST"])
@requires(ADMIN)
def space_edit() -> tuple[str, int] | Response:
    space: Space = g.space
    form = Form(edit_space_schema(), space_values(space))
    if submitted_for_saving(form):
        apply_space_form(space, form.data)
        if save_space(space, form, "pnyx.space.update"):
            flash(_("The space is saved."), "success")
            return redirect(url_for("pnyx_admin.space", space_slug=space.slug))
    return render_form("pnyx/admin/space_form.html", form, space=space)


@blueprint.post("/spaces/<space_slug>/move")
@requires(ADMIN)
def space_move() -> Response:
    """Move a space up or down: the home page lists spaces in this order within each group
    (open now, upcoming, past)."""
    session = get_session()
    ordered = list(
        session.scalars(select(Space).order_by(Space.position, Space.id).with_for_update())
    )
    if move_in(ordered, g.space, request.form.get("direction", "")):
        log_admin(session, "pnyx.space.move", ("space", g.space.id), space=g.space)
        session.commit()
    page = request.form.get("page", 1, type=int) or 1
    return redirect(url_for("pnyx_admin.spaces", page=page if page > 1 else None))


@blueprint.post("/spaces/<space_slug>/publish")
@requires(ADMIN)
def space_publish() -> Response:
    return set_published(g.space, True)


@blueprint.post("/spaces/<space_slug>/unpublish")
@requires(ADMIN)
def space_unpublish() -> Response:
    return set_published(g.space, False)


def set_published(space: Space, published: bool) -> Response:
    session = get_session()
    if space.published != published:
        space.published = published
        action = "pnyx.space.publish" if published else "pnyx.space.unpublish"
        log_admin(session, action, ("space", space.id), space=space)
        session.commit()
    if published:
        flash(_("The space is published: residents see it."), "success")
    else:
        flash(_("The space is no longer published: only its team sees it."), "success")
    return redirect(url_for("pnyx_admin.space", space_slug=space.slug))


@blueprint.route("/spaces/<space_slug>/delete", methods=["GET", "POST"])
@requires(ADMIN)
def space_delete() -> tuple[str, int] | Response:
    space: Space = g.space
    reason = space_deletion_blocker(space)
    if request.method == "POST" and reason is None:
        reason = delete_space(space)
        if reason is None:
            flash(_("The space is deleted."), "success")
            return redirect(url_for("pnyx_admin.spaces"))
    page = render_template("pnyx/admin/space_delete.html", space=space, reason=reason)
    return page, 409 if request.method == "POST" else 200


def space_deletion_blocker(space: Space) -> str | None:
    """Why the space cannot be deleted: the first component whose type says so."""
    for component in space.components:
        reason = component_deletion_blocker(component)
        if reason:
            return _(
                "%(component)s: %(reason)s", component=translated(component.name), reason=reason
            )
    return None


def component_deletion_blocker(component: Any) -> str | None:
    """The reason the component's type gives for keeping it, if any."""
    component_type = registry().component_type(component.type)
    if component_type is None or component_type.deletion_blocker is None:
        return None
    return component_type.deletion_blocker(get_session(), component) or None


def delete_space(space: Space) -> str | None:
    """Delete ``space`` with its phases and components; a reason when the database refuses."""
    session = get_session()
    extra = {"slug": space.slug, "space_id": space.id}
    try:
        with session.begin_nested():
            session.delete(space)
            log_admin(session, "pnyx.space.delete", ("space", space.id), extra=extra)
    except IntegrityError:
        return _("Content of this space is still referred to elsewhere: it cannot be deleted.")
    session.commit()
    return None
