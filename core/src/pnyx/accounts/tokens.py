"""Signed, time-limited, single-use links for e-mail confirmation, password reset
and change of e-mail address.

A token is an ``itsdangerous`` signature (keyed by ``SECRET_KEY``, with a salt
per purpose, so a reset token is no confirmation token) over the user's id, a
fingerprint of the account state the link is about, and any data the link
carries (the new address). Using the link changes that state (the address gets
confirmed, the password hash or the address changes), so the fingerprint no
longer matches: each link works once, and an older link stops working when a
newer one was used. Nothing is stored in the database.
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
from typing import Any

import attrs
from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from pnyx.db import get_session
from pnyx.models import User


class Purpose(enum.StrEnum):
    CONFIRM_EMAIL = "confirm_email"
    RESET_PASSWORD = "reset_password"
    CHANGE_EMAIL = "change_email"
    SIGN_IN = "sign_in"


#: How long a link works.
MAX_AGE = {
    Purpose.CONFIRM_EMAIL: dt.timedelta(days=3),
    Purpose.RESET_PASSWORD: dt.timedelta(hours=1),
    Purpose.CHANGE_EMAIL: dt.timedelta(days=1),
    Purpose.SIGN_IN: dt.timedelta(hours=1),
}


class TokenProblem(enum.StrEnum):
    INVALID = "invalid"  # not signed by us, for another purpose, or mangled
    EXPIRED = "expired"
    USED = "used"  # already used, replaced by a newer link, or the account is gone


@attrs.frozen
class TokenCheck:
    """The result of reading a link: the user and its data, or the problem."""

    user: User | None = None
    data: dict[str, Any] = attrs.field(factory=dict)
    problem: TokenProblem | None = None


def _serializer(purpose: Purpose) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=f"pnyx.{purpose}")


def _state(purpose: Purpose, user: User) -> str:
    """What using the link changes, so that it works once."""
    if purpose == Purpose.CONFIRM_EMAIL:
        return f"{user.email}|{user.confirmed_at is not None}"
    # Resetting changes the password hash, changing the address changes the address; a
    # new password (after a suspected intrusion) also cancels pending address changes.
    return f"{user.email}|{user.password_hash}"


def fingerprint(purpose: Purpose, user: User) -> str:
    # A digest: the token's payload is readable by whoever holds the link.
    return hashlib.sha256(_state(purpose, user).encode()).hexdigest()[:24]


def make_token(purpose: Purpose, user: User, **data: Any) -> str:
    """A link token for ``user``; ``data`` travels in it (readable, but signed)."""
    payload = {"u": user.id, "f": fingerprint(purpose, user), "d": data}
    return _serializer(purpose).dumps(payload)


def read_token(purpose: Purpose, token: str) -> TokenCheck:
    """Check a token; the user is loaded with the session of this request."""
    max_age = int(MAX_AGE[purpose].total_seconds())
    try:
        payload = _serializer(purpose).loads(token, max_age=max_age)
    except SignatureExpired:
        return TokenCheck(problem=TokenProblem.EXPIRED)
    except BadSignature:
        return TokenCheck(problem=TokenProblem.INVALID)
    if not isinstance(payload, dict) or not isinstance(payload.get("u"), int):
        return TokenCheck(problem=TokenProblem.INVALID)
    user = get_session().get(User, payload["u"])
    if user is None or user.deleted_at is not None:
        return TokenCheck(problem=TokenProblem.USED)
    if payload.get("f") != fingerprint(purpose, user):
        return TokenCheck(problem=TokenProblem.USED)
    return TokenCheck(user=user, data=dict(payload.get("d") or {}))
