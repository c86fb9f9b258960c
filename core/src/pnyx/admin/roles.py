"""Space roles admin: who administers, moderates, values or collaborates in each space.

``/admin/roles`` lists the spaces with how many people hold a role in each;
``/admin/spaces/<slug>/roles`` is a space's members page, where an admin
finds a person by e-mail and grants or revokes a role. The space is loaded by
the core from ``<space_slug>`` (``g.space``), as for component admin pages.
"""

from __future__ import annotations

from flask import abort, current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from werkzeug.wrappers import Response

from pnyx.admin import blueprint
from pnyx.core_hooks import ADMIN, ADMIN_SPACE
from pnyx.db import get_session
from pnyx.inputs import page_arg as page_number
from pnyx.models import Space, SpaceRole, User, UserSpaceRole
from pnyx.navigation import admin_link
from pnyx.roles import RoleChangeError, grant_space_role, revoke_space_role, space_role_labels
from pnyx.web.guards import requires

admin_link(lambda: _("Space members"), "pnyx_admin.space_roles_index")


@blueprint.get("/roles")
@requires(ADMIN)
def space_roles_index() -> str:
    size = current_app.config["PAGE_SIZE"]
    page = page_number()
    members = (
        select(UserSpaceRole.space_id, func.count(func.distinct(UserSpaceRole.user_id)).label("n"))
        .group_by(UserSpaceRole.space_id)
        .subquery()
    )
    query = (
        select(Space, func.coalesce(members.c.n, 0))
        .outerjoin(members, members.c.space_id == Space.id)
        .order_by(Space.position, Space.id)
        .offset((page - 1) * size)
        .limit(size + 1)
    )
    rows = get_session().execute(query).all()
    return render_template(
        "pnyx/admin/roles_spaces.html", rows=rows[:size], page=page, has_next=len(rows) > size
    )


def render_members(
    errors: dict[str, str] | None = None, form: dict[str, str] | None = None, status: int = 200
) -> tuple[str, int]:
    space: Space = g.space
    size = current_app.config["PAGE_SIZE"]
    page = page_number()
    query = (
        select(UserSpaceRole, User)
        .join(User, User.id == UserSpaceRole.user_id)
        .where(UserSpaceRole.space_id == space.id)
        .order_by(User.name, User.id, UserSpaceRole.role)
        .offset((page - 1) * size)
        .limit(size + 1)
    )
    rows = get_session().execute(query).all()
    page_html = render_template(
        "pnyx/admin/roles_space.html",
        space=space,
        members=rows[:size],
        page=page,
        has_next=len(rows) > size,
        role_labels=space_role_labels(),
        errors=errors or {},
        form=form or {},
    )
    return page_html, status


@blueprint.get("/spaces/<space_slug>/roles")
@requires(ADMIN_SPACE)
def space_roles() -> tuple[str, int]:
    return render_members()


def grant_errors(email: str, role: str) -> tuple[dict[str, str], User | None]:
    """Field errors of the grant form, and the person found by e-mail."""
    errors: dict[str, str] = {}
    person = None
    if not email:
        errors["email"] = _("Enter the e-mail address of the person.")
    else:
        query = select(User).where(func.lower(User.email) == email.lower())
        person = get_session().scalar(query)
        if person is None:
            errors["email"] = _("Nobody has an account with this e-mail address.")
    if role not in set(SpaceRole):
        errors["role"] = _("Choose a role.")
    return errors, person


@blueprint.post("/spaces/<space_slug>/roles")
@requires(ADMIN_SPACE)
def grant_space_member_role() -> Response | tuple[str, int]:
    email = request.form.get("email", "").strip()
    role = request.form.get("role", "")
    form = {"email": email, "role": role}
    errors, person = grant_errors(email, role)
    if errors or person is None:
        return render_members(errors, form, 400)
    session = get_session()
    try:
        granted = grant_space_role(session, g.space, person, role)
        session.commit()
    except RoleChangeError as error:
        session.rollback()
        return render_members({"email": error.message}, form, 400)
    except IntegrityError:  # granted at the same moment by someone else
        session.rollback()
        granted = False
    label = space_role_labels()[role]
    if granted:
        flash(_("The role %(role)s was granted.", role=label), "success")
    else:
        flash(_("This person already has the role %(role)s.", role=label), "success")
    return redirect(url_for("pnyx_admin.space_roles", space_slug=g.space.slug))


@blueprint.post("/spaces/<space_slug>/roles/<int:role_id>/revoke")
@requires(ADMIN_SPACE)
def revoke_space_member_role(role_id: int) -> Response | tuple[str, int]:
    session = get_session()
    held = session.get(UserSpaceRole, role_id)
    if held is None or held.space_id != g.space.id:
        abort(404)
    label = space_role_labels().get(held.role, held.role)
    try:
        revoke_space_role(session, held, actor=g.user)
        session.commit()
    except RoleChangeError as error:
        session.rollback()
        return render_members({"members": error.message}, status=400)
    flash(_("The role %(role)s was removed.", role=label), "success")
    return redirect(url_for("pnyx_admin.space_roles", space_slug=g.space.slug))
