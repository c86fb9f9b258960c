"""The follow button: a plain form any page shows with the ``follow_button`` macro.

The page signs what the button follows (type, id, space, component) into the
form, so the follow view trusts where the target lives without asking its plugin
(and nobody can post a follow of a resource into another space).
"""

from __future__ import annotations

from typing import Any

import attrs
from flask import current_app, g
from itsdangerous import BadSignature, URLSafeSerializer

from pnyx.notifications.following import Target, following, target_of

SALT = "pnyx.follow"


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def target_token(target: Target) -> str:
    return str(_serializer().dumps(list(attrs.astuple(target))))


def read_target(token: str) -> Target | None:
    try:
        data: Any = _serializer().loads(token)
    except BadSignature:
        return None
    if not isinstance(data, list) or len(data) != 4:
        return None
    type_name, target_id, space_id, component_id = data
    return Target(str(type_name), int(target_id), space_id, component_id)


def follow_state(target: Any, component: Any = None) -> dict[str, Any]:
    """What the macro needs: the signed target, and the person's follow of it (or ``None``)."""
    found = target_of(target, component)
    return {"token": target_token(found), "follow": following(g.get("user"), found)}
