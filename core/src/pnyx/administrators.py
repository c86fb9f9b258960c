"""The first organization and its administrators, as the command line sets them up.

``pnyx init`` and ``pnyx users …`` call these functions; they write in the
caller's session and log every change (visibility ``admin``, no actor: the
person at the server's console). The rules are the admin area's
(:mod:`pnyx.roles`): the last active administrator is never removed.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pnyx.accounts.forms import email_error, name_error, new_password_error, normalized_email
from pnyx.action_log import log_action
from pnyx.models import Organization, OrganizationRole, User, UserOrganizationRole, utcnow
from pnyx.passwords import hash_password
from pnyx.roles import RoleChangeError, ensure_not_last_admin, grant_organization_role

#: ``extra.via`` of the log entries written by the command line.
VIA_CLI = {"via": "cli"}


class SetupError(Exception):
    """A request the command line refuses; ``str(error)`` is one line for the operator."""


@attrs.frozen
class AdminResult:
    user: User
    created: bool
    promoted: bool


def find_by_email(session: Session, email: str) -> User | None:
    query = select(User).where(func.lower(User.email) == normalized_email(email))
    return session.scalar(query)


def administrators(session: Session) -> list[User]:
    """Organization administrators, by e-mail address."""
    query = (
        select(User)
        .join(UserOrganizationRole, UserOrganizationRole.user_id == User.id)
        .where(UserOrganizationRole.role == OrganizationRole.ADMIN)
        .order_by(User.email, User.id)
    )
    return list(session.scalars(query))


def users_with_role(session: Session, role: str | None) -> list[User]:
    """Accounts holding an organization ``role`` (every account when ``None``)."""
    if role == OrganizationRole.ADMIN:
        return administrators(session)
    query = select(User).where(User.deleted_at.is_(None)).order_by(User.email, User.id)
    if role is not None:
        held = select(UserOrganizationRole.user_id).where(UserOrganizationRole.role == role)
        query = query.where(User.id.in_(held))
    return list(session.scalars(query))


def check_new_account(email: str, name: str, password: str | None) -> None:
    """Raise :class:`SetupError` naming the first problem of a new account's details."""
    problem = email_error(email) or name_error(name)
    if problem is None and password is not None:
        problem = new_password_error(password, email=email, name=name)
    if problem:
        raise SetupError(problem)


def default_name(email: str) -> str:
    """A name for an account created without one: the address's local part."""
    return email.partition("@")[0].replace(".", " ").title()[:120] or "Administrator"


def create_or_promote_admin(
    session: Session, email: str, *, name: str | None, password: str | None
) -> AdminResult:
    """Make the account of ``email`` an administrator, creating it (confirmed) if needed.

    A new account needs ``password``, checked against the password policy; an
    existing one keeps its password and is confirmed (the operator vouches for
    the address).
    """
    email = normalized_email(email)
    user = find_by_email(session, email)
    if user is None:
        name = " ".join((name or default_name(email)).split())
        if password is None:
            raise SetupError("A new account needs a password.")
        check_new_account(email, name, password)
        user = User(
            email=email, name=name, password_hash=hash_password(password), confirmed_at=utcnow()
        )
        session.add(user)
        session.flush()
        log_action(session, "pnyx.users.create", resource=("user", user.id), extra=VIA_CLI)
        created = True
    else:
        if user.deleted_at is not None or user.blocked:
            raise SetupError(f"The account of {email} is deleted or blocked.")
        created = False
        if user.confirmed_at is None:
            user.confirmed_at = utcnow()
    try:
        promoted = grant_organization_role(session, user, OrganizationRole.ADMIN)
    except RoleChangeError as error:
        raise SetupError(error.message) from error
    return AdminResult(user, created, promoted)


def revoke_admin(session: Session, email: str) -> bool:
    """Take the administrator role from ``email``'s account; ``False`` if they had none."""
    user = find_by_email(session, email)
    if user is None:
        raise SetupError(f"No account uses the address {normalized_email(email)}.")
    held = [r for r in user.organization_roles if r.role == OrganizationRole.ADMIN]
    if not held:
        return False
    try:
        ensure_not_last_admin(session, user)
    except RoleChangeError as error:
        raise SetupError(error.message) from error
    for row in held:
        user.organization_roles.remove(row)
    log_action(
        session,
        "pnyx.roles.revoke",
        resource=("user", user.id),
        extra={"scope": "organization", "role": OrganizationRole.ADMIN.value, **VIA_CLI},
    )
    return True


def create_organization(
    session: Session,
    *,
    name: str,
    default_locale: str,
    locales: Sequence[str],
    time_zone: str,
) -> Organization:
    """The organization row, or the existing one updated when it has no administrator yet."""
    organization = session.scalar(select(Organization).limit(1))
    if organization is not None and administrators(session):
        raise SetupError(
            "This instance is already set up (an organization with an administrator exists): "
            "use pnyx users create-admin to add an administrator."
        )
    if organization is None:
        organization = Organization(name={})
        session.add(organization)
    organization.name = {default_locale: name}
    organization.default_locale = default_locale
    organization.available_locales = list(dict.fromkeys([default_locale, *locales]))
    organization.time_zone = time_zone
    session.flush()
    log_action(
        session,
        "pnyx.organization.update",
        resource=("organization", organization.id),
        extra={"changed": ["name", "default_locale", "available_locales", "time_zone"], **VIA_CLI},
    )
    return organization
