"""One-click unsubscribe links (RFC 8058) that work without signing in, once.

A token is an ``itsdangerous`` signature (keyed by ``SECRET_KEY``, salted for
this purpose) over the person's id, what the link stops (``notifications`` or
``newsletters``) and the person's ``unsubscribe_serial``. Using a link raises
the serial: that link, and every older one, then stops working. Nobody can
make a link for another person without the secret key.
"""

from __future__ import annotations

from typing import Any

from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer

from pnyx.models import User
from pnyx.notifications.models import NotificationPreference

SALT = "pnyx.unsubscribe"
NOTIFICATIONS, NEWSLETTERS = "notifications", "newsletters"
SCOPES = (NOTIFICATIONS, NEWSLETTERS)


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def make_token(user: User, preference: NotificationPreference | None, scope: str) -> str:
    serial = preference.unsubscribe_serial if preference is not None else 0
    return str(_serializer().dumps([user.id, scope, serial]))


def read_token(token: str) -> tuple[int, str, int] | None:
    """``(user id, scope, serial)`` from a genuine token, else ``None``."""
    try:
        data: Any = _serializer().loads(token)
    except BadSignature:
        return None
    if not (isinstance(data, list) and len(data) == 3 and data[1] in SCOPES):
        return None
    user_id, scope, serial = data
    if not isinstance(user_id, int) or not isinstance(serial, int):
        return None
    return user_id, scope, serial
