"""Who belongs to a group, who may act on its behalf, and where groups may take part."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from flask import current_app, g, url_for
from flask_babel import lazy_gettext as _l
from marshmallow import fields, validate
from sqlalchemy import select
from sqlalchemy.orm import Session

from pnyx.db import get_session
from pnyx.models import BELONGING, Component, GroupRole, User, UserGroup, UserGroupMembership

#: The option's key in ``Component.permissions[action]`` (the component permissions page).
GROUPS_KEY = "groups"


def kind_labels() -> dict[str, str]:
    return {
        "association": str(_l("Association")),
        "business": str(_l("Business")),
        "public_body": str(_l("Public body")),
        "other": str(_l("Other organization")),
    }


def memberships_of(user: User | None) -> list[UserGroupMembership]:
    """The person's rows in every group (requests and invitations too), once per request."""
    if user is None:
        return []
    cache = g.setdefault("pnyx_group_memberships", {})
    if user.id not in cache:
        query = (
            select(UserGroupMembership)
            .where(UserGroupMembership.user_id == user.id)
            .join(UserGroup)
            .order_by(UserGroup.name, UserGroup.id)
        )
        cache[user.id] = list(get_session().scalars(query))
    return cache[user.id]


def acting_groups(user: User | None) -> list[UserGroup]:
    """The groups ``user`` belongs to (admin or member): those they may act for."""
    return [m.group for m in memberships_of(user) if m.role in BELONGING]


def role_in(user: User | None, group: UserGroup) -> str | None:
    return next((m.role for m in memberships_of(user) if m.group_id == group.id), None)


def may_act_for(user: User | None, group_id: int | None) -> bool:
    """Whether ``user`` may act on behalf of the group ``group_id`` (a member or admin)."""
    return group_id is not None and any(group.id == group_id for group in acting_groups(user))


def manages(user: User | None, group: UserGroup) -> bool:
    """Group admins manage the profile and members; organization admins may step in."""
    if user is None:
        return False
    return user.is_admin or role_in(user, group) == GroupRole.ADMIN


def groups_allowed(component: Component | None, action_name: str) -> bool:
    """Whether people may do ``action_name`` in ``component`` on behalf of a group: the
    action says it can (``Action.groups``) and the component's admin turned it on."""
    if component is None:
        return False
    action = current_app.extensions["pnyx.plugins"].registry.actions.get(action_name)
    if action is None or not action.groups:
        return False
    entry = (component.permissions or {}).get(action_name) or {}
    return bool(entry.get(GROUPS_KEY))


def group_field(
    user: User | None, component: Component | None, action_name: str, label: Any = None
) -> fields.Field | None:
    """The "on behalf of" form field: ``None`` (leave it out) unless groups may take part
    here and the person belongs to one. Empty means "as myself"."""
    if not groups_allowed(component, action_name):
        return None
    groups = acting_groups(user)
    if not groups:
        return None
    return fields.Integer(
        load_default=None,
        allow_none=True,
        validate=validate.OneOf([x.id for x in groups], labels=[x.name for x in groups]),
        metadata={
            "label": label or _l("On behalf of"),
            "description": _l("Leave empty to take part as yourself."),
        },
    )


def describe(ids: Iterable[int | None]) -> dict[int, UserGroup]:
    """The groups with these ids, in one query (authors shown on a list)."""
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    query = select(UserGroup).where(UserGroup.id.in_(wanted))
    return {group.id: group for group in get_session().scalars(query)}


def profile_url(group: UserGroup) -> str:
    return url_for("pnyx_groups.show", user_group_id=group.id)


def leave_all(session: Session, user: User) -> None:
    """Take the person out of every group (their account is being deleted)."""
    for membership in session.scalars(
        select(UserGroupMembership).where(UserGroupMembership.user_id == user.id)
    ):
        session.delete(membership)


def export_rows(user: User) -> list[dict[str, Any]]:
    """The person's memberships, for their archive."""
    query = (
        select(UserGroupMembership)
        .where(UserGroupMembership.user_id == user.id)
        .order_by(UserGroupMembership.id)
    )
    return [
        {"group": m.group.name, "role": m.role, "since": m.created_at}
        for m in get_session().scalars(query)
    ]
