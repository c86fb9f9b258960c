"""Who is signed in: ``g.user`` on every request, from Flask's signed cookie session
and the server's record of that session.

Nothing is kept in the app process, so any number of processes serve the same
person. The cookie holds the user's id, their ``session_version`` at sign-in
and a random token; the database keeps the token's hash in ``user_sessions``
(:class:`~pnyx.models.UserSession`). A session ends on the server, whatever
the cookie says, when its row is gone (signing out deletes it; "sign out
everywhere" deletes every row of the person), when it has been idle longer
than ``SESSION_IDLE_MINUTES`` or is older than ``SESSION_MAX_HOURS``, and when
the password changed (the version is raised).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import secrets

from flask import current_app, g, session
from sqlalchemy import Select, bindparam, delete, func, select, true
from sqlalchemy.orm import joinedload

from pnyx.db import get_session
from pnyx.models import Organization, User, UserSession, utcnow
from pnyx.organization import remember_organization
from pnyx.passwords import hash_password, verify_password
from pnyx.permissions import remember_space_roles
from pnyx.redirects import safe_next

__all__ = ["load_user", "safe_next", "sign_in_user", "sign_out_user"]

USER_KEY = "user_id"
VERSION_KEY = "session_version"
TOKEN_KEY = "session_token"
#: ``last_seen_at`` is written at most this often: not one write per page.
TOUCH_EVERY = dt.timedelta(minutes=1)
#: Longer passwords are refused before hashing: argon2 on megabytes would be a cheap attack.
MAX_PASSWORD_LENGTH = 1000


def can_sign_in(user: User) -> bool:
    """Blocked and deleted accounts have no session. (Managed participants have no
    password, so the sign-in form never lets them in either.)"""
    return not user.blocked and user.deleted_at is None


def load_user() -> None:
    """Put the signed-in person in ``g.user`` (``None`` when nobody, or a stale session).

    One query (issue 13 item 4): the session record, its person, their organization
    roles and their space roles (for the permission checks that follow) together, and the
    organization (its languages choose the page's; issue 22 item 7), whose own query most
    signed-in requests then skip.
    """
    g.user = None
    user_id = session.get(USER_KEY)
    if not user_id:
        return
    found = _record_and_user()
    if found is None:
        _forget_cookie()  # signed out (here or everywhere): the cookie alone opens nothing
        return
    record, user = found
    if user.id != user_id:
        # A record of someone else: this cookie's session is over, and so is that record.
        get_session().delete(record)
        get_session().commit()
        _forget_cookie()
        return
    if not can_sign_in(user) or session.get(VERSION_KEY) != user.session_version:
        # The account is blocked or deleted, or its password changed since: the session ends.
        _forget_cookie()
        return
    if _expired(record):
        get_session().delete(record)
        get_session().commit()
        _forget_cookie()
        return
    remember_space_roles(user, list(user.space_role_rows))
    _touch(record)
    g.user = user


def _record_and_user() -> tuple[UserSession, User] | None:
    """This browser's session record and its person (with their roles), if it exists."""
    token = session.get(TOKEN_KEY)
    if not isinstance(token, str) or not token:
        return None
    query = _record_and_user_query()
    row = get_session().execute(query, {"token_hash": _token_hash(token)}).unique().first()
    if row is None:
        return None
    remember_organization(row[2])  # None before the organization is seeded, as its own read
    return row[0], row[1]


@functools.cache
def _record_and_user_query() -> Select:
    """:func:`_record_and_user`'s statement, built once (every signed-in request runs it)."""
    return (
        select(UserSession, User, Organization)
        .join(User, User.id == UserSession.user_id)
        # the instance's one organization row (or none yet): a row whatever its presence
        .outerjoin(Organization, true())
        .where(UserSession.token_hash == bindparam("token_hash"))
        .options(joinedload(User.organization_roles), joinedload(User.space_role_rows))
    )


def _forget_cookie() -> None:
    for key in (USER_KEY, VERSION_KEY, TOKEN_KEY):
        session.pop(key, None)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def current_record() -> UserSession | None:
    """The server's record of this browser's session, if it still exists."""
    token = session.get(TOKEN_KEY)
    if not isinstance(token, str) or not token:
        return None
    query = select(UserSession).where(UserSession.token_hash == _token_hash(token))
    return get_session().scalar(query)


def _expired(record: UserSession, now: dt.datetime | None = None) -> bool:
    now = now or utcnow()
    idle = dt.timedelta(minutes=float(current_app.config["SESSION_IDLE_MINUTES"]))
    lifetime = dt.timedelta(hours=float(current_app.config["SESSION_MAX_HOURS"]))
    return now - record.last_seen_at > idle or now - record.created_at > lifetime


def _touch(record: UserSession) -> None:
    now = utcnow()
    if now - record.last_seen_at >= TOUCH_EVERY:
        record.last_seen_at = now
        get_session().commit()


def start_session(user_id: int) -> str:
    """Record a new session of ``user_id`` (committed by the caller); its cookie token."""
    token = secrets.token_urlsafe(32)
    get_session().add(UserSession(token_hash=_token_hash(token), user_id=user_id))
    return token


def sign_in_user(user: User) -> None:
    """Start a session for ``user``: a new cookie session (no fixation), with its version
    and a new server-side record (the caller commits)."""
    session.clear()
    session[USER_KEY] = user.id
    session[VERSION_KEY] = user.session_version
    session[TOKEN_KEY] = start_session(user.id)
    g.user = user


def keep_current_session(user: User) -> None:
    """After ``user.session_version`` was raised: this session stays, the others end."""
    session[VERSION_KEY] = user.session_version


def sign_out_user() -> None:
    """End this session on the server too (a copy of the cookie opens nothing after)."""
    record = current_record()
    if record is not None:
        get_session().delete(record)
        get_session().commit()
    session.clear()
    g.user = None


def sign_out_everywhere(user: User) -> None:
    """End every session of ``user``, on every device, this one included (caller commits)."""
    get_session().execute(delete(UserSession).where(UserSession.user_id == user.id))
    user.session_version = (user.session_version or 1) + 1
    session.clear()
    g.user = None


def find_user_by_email(email: str) -> User | None:
    """The account using ``email``, whatever the case of either."""
    if not email:
        return None
    query = select(User).where(func.lower(User.email) == email.strip().lower())
    return get_session().scalar(query)


@functools.cache
def _decoy_hash() -> str:
    return hash_password("pnyx decoy password, never anyone's")


def password_matches(user: User | None, password: str) -> bool:
    """Whether ``password`` is ``user``'s; as slow when there is no such user.

    Without the decoy, the time of an answer would tell whether an address has
    an account.
    """
    if len(password) > MAX_PASSWORD_LENGTH:
        return False
    if user is None or not user.password_hash:
        verify_password(_decoy_hash(), password)
        return False
    return verify_password(user.password_hash, password)
