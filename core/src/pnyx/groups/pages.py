"""Public group profiles, creating and editing a group, joining and leaving it."""

from __future__ import annotations

from typing import Any

from flask import (
    Blueprint,
    abort,
    flash,
    g,
    redirect,
    render_template,
    request,
    send_from_directory,
    url_for,
)
from flask_babel import gettext as _
from sqlalchemy import select
from werkzeug.wrappers import Response

from pnyx import submissions
from pnyx.action_log import log_action
from pnyx.admin.logo import LogoError, read_logo, store_logo
from pnyx.core_hooks import ACCOUNT, PUBLIC
from pnyx.db import get_session
from pnyx.forms import Form
from pnyx.groups import notices
from pnyx.groups.forms import profile_schema
from pnyx.groups.service import kind_labels, manages, memberships_of, role_in
from pnyx.inputs import upload_limit
from pnyx.models import BELONGING, GroupRole, UserGroup, UserGroupMembership
from pnyx.toolkit.pagination import paginate
from pnyx.web.branding import SVG_POLICY, uploads_folder
from pnyx.web.guards import requires

blueprint = Blueprint("pnyx_groups", __name__, url_prefix="/groups")
Page = str | tuple[str, int] | Response
FIELDS = ("name", "kind", "description", "website", "logo_alt")


def load_group(user_group_id: int) -> UserGroup:
    group = get_session().get(UserGroup, user_group_id)
    if group is None:
        abort(404)
    return group


def managed_group(user_group_id: int) -> UserGroup:
    group = load_group(user_group_id)
    if not manages(g.user, group):
        abort(403)
    return group


@blueprint.get("/")
@requires(PUBLIC)
def index() -> str:
    query = select(UserGroup).order_by(
        UserGroup.verified_at.is_(None), UserGroup.name, UserGroup.id
    )
    return render_template("pnyx/groups/index.html", page=paginate(query), kinds=kind_labels())


@blueprint.get("/<int:user_group_id>")
@requires(PUBLIC)
def show(user_group_id: int) -> str:
    group = load_group(user_group_id)
    query = (
        select(UserGroupMembership)
        .where(UserGroupMembership.group_id == group.id, UserGroupMembership.role.in_(BELONGING))
        .order_by(UserGroupMembership.role, UserGroupMembership.id)
    )
    return render_template(
        "pnyx/groups/show.html",
        group=group,
        members=list(get_session().scalars(query)),
        my_role=role_in(g.user, group),
        may_manage=manages(g.user, group),
        kinds=kind_labels(),
    )


@blueprint.get("/<int:user_group_id>/logo/<name>")
@requires(PUBLIC)
def logo(user_group_id: int, name: str) -> Response:
    group = load_group(user_group_id)
    if not group.logo or group.logo != name:
        abort(404)
    response = send_from_directory(uploads_folder(), name, max_age=365 * 24 * 3600)
    if name.endswith(".svg"):
        response.headers["Content-Security-Policy"] = SVG_POLICY
    return response


@blueprint.get("/mine")
@requires(ACCOUNT)
def mine() -> str:
    return render_template("pnyx/groups/mine.html", memberships=memberships_of(g.user))


def save_profile(group: UserGroup | None) -> Page:
    values = {k: getattr(group, k) for k in FIELDS} if group else {"kind": "association"}
    form = Form(profile_schema(), values)
    if request.method != "POST" or form.previewing(request.form):  # "Preview" saves nothing
        return render_form(form, group)
    if not form.validate(request.form):
        return render_form(form, group)
    data = dict(form.data)
    if group is None:
        submissions.claim()  # the form sent twice at once: one group (docs/forms.md)
    upload = request.files.get("logo")
    if upload is not None and upload.filename:
        try:
            data["logo"] = store_logo(*read_logo(upload))
        except LogoError as error:
            form.add_error("logo_alt", str(error))
    has_logo = data.get("logo") or (group is not None and group.logo)
    if has_logo and not data["logo_alt"].strip():
        form.add_error("logo_alt", _("Describe the logo for people who cannot see it."))
    if form.has_errors:
        get_session().rollback()  # a claimed token too: the form may be sent again
        return render_form(form, group)
    return store_profile(group, data)


def render_form(form: Form, group: UserGroup | None) -> tuple[str, int]:
    page = render_template("pnyx/groups/form.html", form=form, group=group)
    return page, 400 if form.has_errors else 200


def store_profile(group: UserGroup | None, data: dict[str, Any]) -> Response:
    session = get_session()
    creating = group is None
    group = group or UserGroup()
    for key, value in data.items():
        setattr(group, key, value)
    if creating:
        group.memberships.append(UserGroupMembership(user_id=g.user.id, role=GroupRole.ADMIN))
    session.add(group)
    session.flush()
    location = url_for("pnyx_groups.show", user_group_id=group.id)
    submissions.made(location)
    action = "pnyx.group.create" if creating else "pnyx.group.update"
    log_action(session, action, resource=("user_group", group.id), visibility="public")
    session.commit()
    flash(_("The organization's profile is saved."), "success")
    return redirect(location, 303)


@blueprint.route("/new", methods=["GET", "POST"])
@upload_limit("LOGO_MAX_BYTES")
@requires(ACCOUNT)
def new() -> Page:
    return save_profile(None)


@blueprint.route("/<int:user_group_id>/edit", methods=["GET", "POST"])
@upload_limit("LOGO_MAX_BYTES")
@requires(ACCOUNT)
def edit(user_group_id: int) -> Page:
    return save_profile(managed_group(user_group_id))


@blueprint.post("/<int:user_group_id>/join")
@requires(ACCOUNT)
def join(user_group_id: int) -> Response:
    """Ask to join; accept the invitation when there is one."""
    group = load_group(user_group_id)
    session = get_session()
    membership = session.scalar(
        select(UserGroupMembership).where(
            UserGroupMembership.group_id == group.id, UserGroupMembership.user_id == g.user.id
        )
    )
    if membership is None:
        session.add(
            UserGroupMembership(group_id=group.id, user_id=g.user.id, role=GroupRole.REQUESTED)
        )
        flash(_("Your request is sent: an admin of the organization will answer it."), "success")
        notices.join_requested(group, g.user.id)
        action = "pnyx.group.request"
    elif membership.role == GroupRole.INVITED:
        membership.role = GroupRole.MEMBER
        flash(_("You are a member of %(name)s.", name=group.name), "success")
        action = "pnyx.group.accept_invitation"
    else:
        return redirect(url_for("pnyx_groups.show", user_group_id=group.id), 303)
    log_action(session, action, resource=("user_group", group.id))
    session.commit()
    return redirect(url_for("pnyx_groups.show", user_group_id=group.id), 303)


@blueprint.post("/<int:user_group_id>/leave")
@requires(ACCOUNT)
def leave(user_group_id: int) -> Response:
    """Leave the group, withdraw a request or decline an invitation."""
    group = load_group(user_group_id)
    session = get_session()
    membership = session.scalar(
        select(UserGroupMembership).where(
            UserGroupMembership.group_id == group.id, UserGroupMembership.user_id == g.user.id
        )
    )
    if membership is not None:
        session.delete(membership)
        log_action(session, "pnyx.group.leave", resource=("user_group", group.id))
        session.commit()
        flash(_("You are no longer in %(name)s.", name=group.name), "success")
    return redirect(url_for("pnyx_groups.show", user_group_id=group.id), 303)
