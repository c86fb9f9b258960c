"""Granting and revoking roles, blocking people: the rules that keep the platform administrable.

Every change is written to the action log (visibility ``admin``) in the
caller's transaction. Two rules prevent a lock-out:

- nobody removes their own organization admin role (the admin area needs it);
- the last active organization admin (not blocked, not deleted) cannot lose
  that status, whether by revoking the role, blocking the person or deleting
  their account.

The admin role rows are locked (``SELECT ... FOR UPDATE`` on PostgreSQL; the
writing transaction's ``BEGIN IMMEDIATE`` on SQLite) before they are counted,
so two admins removing each other at the same time cannot both succeed.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from pnyx.action_log import log_action
from pnyx.models import (
    ActionLog,
    OrganizationRole,
    Space,
    SpaceRole,
    User,
    UserOrganizationRole,
    UserSpaceRole,
)

USER_RESOURCE = "user"


def organization_role_labels() -> dict[str, str]:
    """Each organization role's name for people (translated)."""
    return {
        OrganizationRole.ADMIN: str(_l("Administrator")),
        OrganizationRole.MODERATOR: str(_l("Moderator")),
        OrganizationRole.USER_MANAGER: str(_l("User manager")),
    }


def space_role_labels() -> dict[str, str]:
    """Each space role's name for people (translated)."""
    return {
        SpaceRole.ADMIN: str(_l("Space administrator")),
        SpaceRole.MODERATOR: str(_l("Moderator")),
        SpaceRole.VALUATOR: str(_l("Valuator")),
        SpaceRole.COLLABORATOR: str(_l("Collaborator")),
    }


class RoleChangeError(Exception):
    """A change refused by a rule; ``str(error)`` is a translated sentence for the person."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def active_admin_ids(session: Session) -> set[int]:
    """Ids of the organization admins who can act (not blocked, not deleted), rows locked."""
    query = (
        select(UserOrganizationRole.user_id)
        .join(User, User.id == UserOrganizationRole.user_id)
        .where(
            UserOrganizationRole.role == OrganizationRole.ADMIN,
            User.blocked.is_(False),
            User.deleted_at.is_(None),
        )
        .with_for_update()
    )
    return set(session.scalars(query))


def ensure_not_last_admin(session: Session, user: User) -> None:
    """Refuse when ``user`` is the only active organization admin left."""
    if active_admin_ids(session) == {user.id}:
        raise RoleChangeError(
            str(_l("This person is the last administrator: make someone else administrator first."))
        )


def _log(
    session: Session, action: str, user: User, *, space: Space | None = None, **facts: str
) -> ActionLog:
    entry = log_action(session, action, resource=(USER_RESOURCE, user.id), extra=dict(facts))
    if space is not None:
        entry.space_id = space.id
    return entry


def grant_organization_role(session: Session, user: User, role: str) -> bool:
    """Give ``user`` an organization role; ``False`` when they already hold it."""
    role = OrganizationRole(role).value
    if user.deleted_at is not None:
        raise RoleChangeError(str(_l("A deleted account cannot receive a role.")))
    if user.has_role(OrganizationRole(role)):
        return False
    user.organization_roles.append(UserOrganizationRole(role=role))
    _log(session, "pnyx.roles.grant", user, scope="organization", role=role)
    return True


def revoke_organization_role(session: Session, user: User, role: str, *, actor: User) -> bool:
    """Take an organization role from ``user``; ``False`` when they did not hold it."""
    role = OrganizationRole(role).value
    held = [r for r in user.organization_roles if r.role == role]
    if not held:
        return False
    if role == OrganizationRole.ADMIN:
        if user.id == actor.id:
            raise RoleChangeError(
                str(_l("You cannot remove your own administrator role: ask another administrator."))
            )
        ensure_not_last_admin(session, user)
    for row in held:
        user.organization_roles.remove(row)
    _log(session, "pnyx.roles.revoke", user, scope="organization", role=role)
    return True


def grant_space_role(session: Session, space: Space, user: User, role: str) -> bool:
    """Give ``user`` a role in ``space``; ``False`` when they already hold it.

    The unique constraint (space, user, role) settles two admins granting the
    same role at once: the second insert fails and its transaction rolls back.
    """
    role = SpaceRole(role).value
    if user.deleted_at is not None:
        raise RoleChangeError(str(_l("A deleted account cannot receive a role.")))
    existing = session.scalar(
        select(UserSpaceRole.id).where(
            UserSpaceRole.space_id == space.id,
            UserSpaceRole.user_id == user.id,
            UserSpaceRole.role == role,
        )
    )
    if existing is not None:
        return False
    session.add(UserSpaceRole(space_id=space.id, user_id=user.id, role=role))
    _log(session, "pnyx.roles.grant", user, space=space, scope="space", role=role)
    return True


def revoke_space_role(session: Session, space_role: UserSpaceRole, *, actor: User) -> None:
    """Take a space role away.

    A person who is not an organization admin would lock themselves out of
    the space by removing their own last admin role in it: refused.
    """
    user = session.get(User, space_role.user_id)
    space = session.get(Space, space_role.space_id)
    if user is None or space is None:  # both cascade-delete the role: cannot happen
        raise LookupError("space role without its user or space")
    if user.id == actor.id and space_role.role == SpaceRole.ADMIN and not actor.is_admin:
        other_admin_roles = session.scalar(
            select(UserSpaceRole.id).where(
                UserSpaceRole.user_id == user.id,
                UserSpaceRole.space_id == space.id,
                UserSpaceRole.role == SpaceRole.ADMIN,
                UserSpaceRole.id != space_role.id,
            )
        )
        if other_admin_roles is None:
            raise RoleChangeError(str(_l("You cannot remove your own last administrator role.")))
    session.delete(space_role)
    _log(session, "pnyx.roles.revoke", user, space=space, scope="space", role=space_role.role)


def block_user(session: Session, user: User, *, actor: User) -> bool:
    """Block ``user``: their sessions end and they can no longer sign in."""
    if user.blocked:
        return False
    if user.id == actor.id:
        raise RoleChangeError(str(_l("You cannot block your own account.")))
    if user.is_admin:
        ensure_not_last_admin(session, user)
    user.blocked = True
    # Sessions signed with an older version end, even once the person is unblocked.
    user.session_version = (user.session_version or 1) + 1
    _log(session, "pnyx.users.block", user)
    return True


def unblock_user(session: Session, user: User) -> bool:
    """Let a blocked person sign in again."""
    if not user.blocked:
        return False
    user.blocked = False
    _log(session, "pnyx.users.unblock", user)
    return True
