"""Users admin: find people, grant and revoke organization roles, block and unblock.

Every change goes through :mod:`pnyx.roles`, which enforces the lock-out
rules and writes the action log in the same transaction.
"""

from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import Select, or_, select
from sqlalchemy.exc import IntegrityError
from werkzeug.wrappers import Response

from pnyx.admin import blueprint
from pnyx.core_hooks import ADMIN
from pnyx.db import get_session
from pnyx.models import OrganizationRole, Space, User, UserOrganizationRole, UserSpaceRole
from pnyx.navigation import admin_link
from pnyx.roles import (
    RoleChangeError,
    block_user,
    grant_organization_role,
    organization_role_labels,
    revoke_organization_role,
    space_role_labels,
    unblock_user,
)
from pnyx.toolkit.pagination import paginate_keyset
from pnyx.web.guards import requires

admin_link(lambda: _("Users"), "pnyx_admin.users")


def users_query(search: str, role: str) -> Select[tuple[User]]:
    """People matching ``search`` (part of an e-mail or name) and holding ``role`` if given
    (unordered: the list pages by name, then id)."""
    query = select(User)
    if search:
        query = query.where(
            or_(
                User.email.icontains(search, autoescape=True),
                User.name.icontains(search, autoescape=True),
            )
        )
    if role == "blocked":
        query = query.where(User.blocked.is_(True))
    elif role in set(OrganizationRole):
        held = select(UserOrganizationRole.user_id).where(UserOrganizationRole.role == role)
        query = query.where(User.id.in_(held))
    return query


@blueprint.get("/users")
@requires(ADMIN)
def users() -> str:
    search = request.args.get("q", "").strip()
    role = request.args.get("role", "")
    # Keyset pages (ix_users_name_id): the 1 000th page of a city's people costs the first's.
    page = paginate_keyset(users_query(search, role), (User.name, User.id), descending=False)
    return render_template(
        "pnyx/admin/users.html",
        users=page.items,
        search=search,
        role=role,
        page=page,
        role_labels=organization_role_labels(),
    )


def load_user_or_404(user_id: int) -> User:
    user = get_session().get(User, user_id)
    if user is None:
        abort(404)
    return user


def render_user(
    user: User, errors: dict[str, str] | None = None, status: int = 200
) -> tuple[str, int]:
    query = (
        select(UserSpaceRole, Space)
        .join(Space, Space.id == UserSpaceRole.space_id)
        .where(UserSpaceRole.user_id == user.id)
        .order_by(Space.position, Space.id, UserSpaceRole.role)
    )
    page = render_template(
        "pnyx/admin/user.html",
        person=user,
        space_roles=get_session().execute(query).all(),
        role_labels=organization_role_labels(),
        space_role_labels=space_role_labels(),
        errors=errors or {},
    )
    return page, status


@blueprint.get("/users/<int:user_id>")
@requires(ADMIN)
def user(user_id: int) -> tuple[str, int]:
    return render_user(load_user_or_404(user_id))


def chosen_role() -> str | None:
    role = request.form.get("role", "")
    return role if role in set(OrganizationRole) else None


def done(user: User, message: str) -> Response:
    get_session().commit()
    flash(message, "success")
    return redirect(url_for("pnyx_admin.user", user_id=user.id))


@blueprint.post("/users/<int:user_id>/roles")
@requires(ADMIN)
def grant_user_role(user_id: int) -> Response | tuple[str, int]:
    person = load_user_or_404(user_id)
    role = chosen_role()
    if role is None:
        return render_user(person, {"role": _("Choose a role.")}, 400)
    session = get_session()
    try:
        granted = grant_organization_role(session, person, role)
        session.commit()
    except RoleChangeError as error:
        return render_user(person, {"role": error.message}, 400)
    except IntegrityError:  # granted at the same moment by another admin
        session.rollback()
        granted = False
    label = organization_role_labels()[role]
    if not granted:
        return done(person, _("This person already has the role %(role)s.", role=label))
    return done(person, _("The role %(role)s was granted.", role=label))


@blueprint.post("/users/<int:user_id>/roles/revoke")
@requires(ADMIN)
def revoke_user_role(user_id: int) -> Response | tuple[str, int]:
    person = load_user_or_404(user_id)
    role = chosen_role()
    if role is None:
        return render_user(person, {"roles": _("Choose a role.")}, 400)
    try:
        revoke_organization_role(get_session(), person, role, actor=g.user)
    except RoleChangeError as error:
        get_session().rollback()
        return render_user(person, {"roles": error.message}, 400)
    label = organization_role_labels()[role]
    return done(person, _("The role %(role)s was removed.", role=label))


@blueprint.post("/users/<int:user_id>/block")
@requires(ADMIN)
def block(user_id: int) -> Response | tuple[str, int]:
    person = load_user_or_404(user_id)
    try:
        block_user(get_session(), person, actor=g.user)
    except RoleChangeError as error:
        get_session().rollback()
        return render_user(person, {"block": error.message}, 400)
    return done(person, _("The account is blocked: its sessions have ended."))


@blueprint.post("/users/<int:user_id>/unblock")
@requires(ADMIN)
def unblock(user_id: int) -> Response:
    person = load_user_or_404(user_id)
    unblock_user(get_session(), person)
    return done(person, _("The account is unblocked."))
