"""Granting, confirming and revoking authorizations; the conflict queue.

Every function writes the action log in the caller's transaction; the caller
commits. One identity verifies one account: the unique constraint on
``(handler, unique_id_hash)`` decides, even between concurrent requests, and
a second account lands in the conflict queue instead of being granted.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
from flask import g, has_request_context
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from pnyx.action_log import log_action
from pnyx.models import Authorization, AuthorizationConflict, User
from pnyx.models.authorization import GRANTED, PENDING
from pnyx.verification import clock
from pnyx.verification.hashing import keyed_hash
from pnyx.verification.org_settings import expiry_for
from pnyx.verification.requirements import forget_authorizations

#: Outcomes of :func:`grant_authorization`.
OUTCOME_GRANTED = "granted"
OUTCOME_PENDING = "pending"
OUTCOME_CONFLICT = "conflict"


@attrs.frozen
class GrantOutcome:
    """``granted``, ``pending`` (waits for a confirmation) or ``conflict`` (sent to admins)."""

    status: str
    authorization: Authorization | None = None
    conflict: AuthorizationConflict | None = None


def identity_hash(handler: str, *parts: str) -> str:
    """The unique id of an identity for ``handler``: a keyed hash, never the raw value.

    Normalise the parts first (case, spaces): the hash of "AB 12" differs from "ab12".
    """
    return keyed_hash(f"identity:{handler}", list(parts))


def grant_authorization(
    session: Session,
    user: User,
    handler: str,
    data: dict[str, Any] | None = None,
    *,
    unique_id_hash: str | None = None,
    pending: bool = False,
) -> GrantOutcome:
    """Record that ``user`` verified with ``handler`` (or declared, when ``pending``).

    With ``unique_id_hash``, an identity another account holds is not granted:
    an open conflict is recorded for admins instead.
    """
    if unique_id_hash is not None:
        holder_id = _holder_of(session, handler, unique_id_hash)
        if holder_id is not None and holder_id != user.id:
            return _conflict(session, user, handler, unique_id_hash, holder_id, data)
    try:
        with session.begin_nested():
            authorization = _own_row(session, user, handler)
            _fill(session, authorization, data, unique_id_hash, pending)
            session.flush()
    except IntegrityError:  # a concurrent request wrote first
        return _after_race(session, user, handler, data, unique_id_hash, pending)
    status = OUTCOME_PENDING if pending else OUTCOME_GRANTED
    _log(session, f"pnyx.authorization.{status}", authorization, "private")
    forget_authorizations()
    return GrantOutcome(status, authorization)


def _after_race(
    session: Session,
    user: User,
    handler: str,
    data: dict[str, Any] | None,
    unique_id_hash: str | None,
    pending: bool,
) -> GrantOutcome:
    """Another account took the identity (a conflict), or the person's own second request
    (a double submit) recorded the same verification first."""
    holder_id = _holder_of(session, handler, unique_id_hash) if unique_id_hash else None
    if unique_id_hash and holder_id != user.id:
        return _conflict(session, user, handler, unique_id_hash, holder_id, data)
    query = select(Authorization).where(
        Authorization.user_id == user.id, Authorization.handler == handler
    )
    status = OUTCOME_PENDING if pending else OUTCOME_GRANTED
    return GrantOutcome(status, session.scalar(query))


def _holder_of(session: Session, handler: str, unique_id_hash: str) -> int | None:
    query = select(Authorization.user_id).where(
        Authorization.handler == handler, Authorization.unique_id_hash == unique_id_hash
    )
    return session.scalar(query.with_for_update())


def _own_row(session: Session, user: User, handler: str) -> Authorization:
    query = select(Authorization).where(
        Authorization.user_id == user.id, Authorization.handler == handler
    )
    authorization = session.scalar(query.with_for_update())
    if authorization is None:
        authorization = Authorization(user_id=user.id, handler=handler)
        session.add(authorization)
    return authorization


def _fill(
    session: Session,
    authorization: Authorization,
    data: dict[str, Any] | None,
    unique_id_hash: str | None,
    pending: bool,
) -> None:
    now = clock.now()
    # Read before writing: the query would flush the half-filled row first.
    expires_at = None if pending else expiry_for(authorization.handler, now, session)
    authorization.status = PENDING if pending else GRANTED
    authorization.data = dict(data or {})
    authorization.unique_id_hash = unique_id_hash
    authorization.created_at = now
    authorization.granted_at = None if pending else now
    authorization.expires_at = expires_at


def _conflict(
    session: Session,
    user: User,
    handler: str,
    unique_id_hash: str,
    holder_id: int | None,
    data: dict[str, Any] | None,
) -> GrantOutcome:
    query = select(AuthorizationConflict).where(
        AuthorizationConflict.user_id == user.id,
        AuthorizationConflict.handler == handler,
        AuthorizationConflict.resolved_at.is_(None),
    )
    conflict = session.scalar(query.with_for_update())
    if conflict is None:
        conflict = AuthorizationConflict(user_id=user.id, handler=handler)
        session.add(conflict)
    conflict.unique_id_hash = unique_id_hash
    conflict.holder_id = holder_id
    conflict.data = dict(data or {})
    conflict.created_at = clock.now()
    session.flush()
    log_action(
        session,
        "pnyx.authorization.conflict",
        resource=("authorization_conflict", conflict.id),
        visibility="admin",
        extra={"handler": handler, "user_id": user.id, "holder_id": holder_id},
    )
    return GrantOutcome(OUTCOME_CONFLICT, conflict=conflict)


def confirm_authorization(session: Session, authorization: Authorization) -> None:
    """A staff member confirms a pending declaration: it is granted from now."""
    now = clock.now()
    authorization.status = GRANTED
    authorization.granted_at = now
    authorization.expires_at = expiry_for(authorization.handler, now, session)
    _log(session, "pnyx.authorization.confirmed", authorization, "admin")
    forget_authorizations()


def revoke_authorization(session: Session, authorization: Authorization, action: str) -> None:
    """Delete one authorization (a refused declaration, a revocation); logged as ``action``."""
    _log(session, action, authorization, "admin")
    session.delete(authorization)
    forget_authorizations()


def revoke_matching(
    session: Session, handler: str | None, granted_before: dt.datetime | None
) -> int:
    """Revoke every authorization (of ``handler``; granted before a time); return how many.

    Without ``granted_before`` pending declarations go too; with it, only
    authorizations granted before that time.
    """
    statement = delete(Authorization)
    if handler:
        statement = statement.where(Authorization.handler == handler)
    if granted_before is not None:
        statement = statement.where(Authorization.granted_at < granted_before)
    count = session.execute(statement.execution_options(synchronize_session=False)).rowcount
    log_action(
        session,
        "pnyx.authorization.revoked_many",
        visibility="admin",
        extra={
            "handler": handler or "*",
            "granted_before": granted_before.isoformat() if granted_before else None,
            "count": count,
        },
    )
    forget_authorizations()
    return int(count or 0)


def resolve_conflict(session: Session, conflict: AuthorizationConflict, transfer: bool) -> None:
    """Close a conflict: move the identity to the new account, or reject the attempt."""
    now = clock.now()
    if transfer:
        session.execute(
            delete(Authorization).where(
                Authorization.handler == conflict.handler,
                Authorization.unique_id_hash == conflict.unique_id_hash,
            )
        )
        session.flush()
        _grant_transferred(session, conflict)
    conflict.resolved_at = now
    conflict.resolution = "transferred" if transfer else "rejected"
    conflict.resolved_by_id = getattr(_current_user(), "id", None)
    log_action(
        session,
        f"pnyx.authorization.conflict_{conflict.resolution}",
        resource=("authorization_conflict", conflict.id),
        visibility="admin",
        extra={"handler": conflict.handler, "user_id": conflict.user_id},
    )
    forget_authorizations()


def _grant_transferred(session: Session, conflict: AuthorizationConflict) -> None:
    authorization = _own_row(session, conflict.user, conflict.handler)
    _fill(session, authorization, conflict.data, conflict.unique_id_hash, pending=False)
    session.flush()
    _log(session, "pnyx.authorization.granted", authorization, "admin")


def _current_user() -> User | None:
    return g.get("user") if has_request_context() else None


def _log(session: Session, action: str, authorization: Authorization, visibility: str) -> None:
    session.flush()
    log_action(
        session,
        action,
        resource=("authorization", authorization.id),
        visibility=visibility,
        extra={"handler": authorization.handler, "user_id": authorization.user_id},
    )
