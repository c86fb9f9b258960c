"""Who is signed in: ``g.user`` on every request, from Flask's signed cookie session.

Nothing is kept in the app process, so any number of processes serve the same
person. The cookie holds the user's id and their ``session_version`` at sign-in;
changing the password raises the version, which ends every other session at
its next request.
"""

from __future__ import annotations

import functools

from flask import g, session
from sqlalchemy import func, select

from pnyx.db import get_session
from pnyx.models import User
from pnyx.passwords import hash_password, verify_password
from pnyx.redirects import safe_next

__all__ = ["load_user", "safe_next", "sign_in_user", "sign_out_user"]

USER_KEY = "user_id"
VERSION_KEY = "session_version"
#: Longer passwords are refused before hashing: argon2 on megabytes would be a cheap attack.
MAX_PASSWORD_LENGTH = 1000


def can_sign_in(user: User) -> bool:
    """Blocked and deleted accounts have no session. (Managed participants have no
    password, so the sign-in form never lets them in either.)"""
    return not user.blocked and user.deleted_at is None


def load_user() -> None:
    """Put the signed-in person in ``g.user`` (``None`` when nobody, or a stale session)."""
    g.user = None
    user_id = session.get(USER_KEY)
    if not user_id:
        return
    user = get_session().get(User, user_id)
    if user is None or not can_sign_in(user) or session.get(VERSION_KEY) != user.session_version:
        # The account is gone or blocked, or its password changed since: the session ends.
        session.pop(USER_KEY, None)
        session.pop(VERSION_KEY, None)
        return
    g.user = user


def sign_in_user(user: User) -> None:
    """Start a session for ``user``: a new cookie session (no fixation), with its version."""
    session.clear()
    session[USER_KEY] = user.id
    session[VERSION_KEY] = user.session_version
    g.user = user


def keep_current_session(user: User) -> None:
    """After ``user.session_version`` was raised: this session stays, the others end."""
    session[VERSION_KEY] = user.session_version


def sign_out_user() -> None:
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
