"""A group admin's page of members: accept requests, invite people, change roles, remove."""

from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import func, select
from werkzeug.wrappers import Response

from pnyx.action_log import log_action
from pnyx.core_hooks import ACCOUNT
from pnyx.db import get_session
from pnyx.groups import notices
from pnyx.groups.pages import blueprint, managed_group
from pnyx.models import GroupRole, User, UserGroup, UserGroupMembership
from pnyx.web.guards import requires


def back(group: UserGroup) -> Response:
    return redirect(url_for("pnyx_groups.members", user_group_id=group.id), 303)


@blueprint.get("/<int:user_group_id>/members")
@requires(ACCOUNT)
def members(user_group_id: int) -> str:
    group = managed_group(user_group_id)
    query = (
        select(UserGroupMembership)
        .where(UserGroupMembership.group_id == group.id)
        .order_by(UserGroupMembership.role, UserGroupMembership.id)
    )
    return render_template(
        "pnyx/groups/members.html", group=group, memberships=list(get_session().scalars(query))
    )


def load_membership(group: UserGroup, membership_id: int) -> UserGroupMembership:
    membership = get_session().get(UserGroupMembership, membership_id)
    if membership is None or membership.group_id != group.id:
        abort(404)
    return membership


@blueprint.post("/<int:user_group_id>/members/invite")
@requires(ACCOUNT)
def invite(user_group_id: int) -> Response:
    group = managed_group(user_group_id)
    session = get_session()
    email = request.form.get("email", "").strip().lower()[:254]
    person = session.scalar(select(User).where(func.lower(User.email) == email)) if email else None
    if person is None:
        flash(_("No account has this e-mail address."), "error")
        return back(group)
    existing = session.scalar(
        select(UserGroupMembership).where(
            UserGroupMembership.group_id == group.id, UserGroupMembership.user_id == person.id
        )
    )
    if existing is not None and existing.role != GroupRole.REQUESTED:
        flash(_("This person is already in the list."), "error")
        return back(group)
    if existing is not None:  # they had asked: inviting them accepts the request
        existing.role = GroupRole.MEMBER
        notices.accepted(group, person.id, g.user.id)
    else:
        session.add(
            UserGroupMembership(group_id=group.id, user_id=person.id, role=GroupRole.INVITED)
        )
        # In their notifications, and by e-mail as their preferences say (notices.py).
        notices.invited(group, person.id, g.user.id)
    log_action(session, "pnyx.group.invite", resource=("user_group", group.id))
    session.commit()
    flash(_("The invitation is sent: it waits on their “My organizations” page."), "success")
    return back(group)


@blueprint.post("/<int:user_group_id>/members/<int:membership_id>/accept")
@requires(ACCOUNT)
def accept(user_group_id: int, membership_id: int) -> Response:
    group = managed_group(user_group_id)
    membership = load_membership(group, membership_id)
    if membership.role == GroupRole.REQUESTED:
        membership.role = GroupRole.MEMBER
        notices.accepted(group, membership.user_id, g.user.id)
        log_action(get_session(), "pnyx.group.accept", resource=("user_group", group.id))
        get_session().commit()
        flash(_("The request is accepted."), "success")
    return back(group)


@blueprint.post("/<int:user_group_id>/members/<int:membership_id>/role")
@requires(ACCOUNT)
def change_role(user_group_id: int, membership_id: int) -> Response:
    group = managed_group(user_group_id)
    membership = load_membership(group, membership_id)
    role = request.form.get("role", "")
    if membership.role not in (GroupRole.ADMIN, GroupRole.MEMBER) or role not in (
        GroupRole.ADMIN,
        GroupRole.MEMBER,
    ):
        flash(_("Only members can become admins."), "error")
        return back(group)
    if role == GroupRole.MEMBER and last_admin(group, membership):
        flash(_("The organization needs at least one admin."), "error")
        return back(group)
    membership.role = role
    log_action(get_session(), "pnyx.group.role", resource=("user_group", group.id))
    get_session().commit()
    flash(_("The role is changed."), "success")
    return back(group)


def last_admin(group: UserGroup, membership: UserGroupMembership) -> bool:
    admins = [m for m in group.memberships if m.role == GroupRole.ADMIN]
    return membership.role == GroupRole.ADMIN and len(admins) == 1


@blueprint.post("/<int:user_group_id>/members/<int:membership_id>/remove")
@requires(ACCOUNT)
def remove(user_group_id: int, membership_id: int) -> Response:
    group = managed_group(user_group_id)
    membership = load_membership(group, membership_id)
    if last_admin(group, membership) and not g.user.is_admin:
        flash(_("The organization needs at least one admin."), "error")
        return back(group)
    get_session().delete(membership)
    log_action(get_session(), "pnyx.group.remove", resource=("user_group", group.id))
    get_session().commit()
    flash(_("The person is removed from the organization."), "success")
    return back(group)
