"""The record a thread belongs to, found through its owner's resource type.

The comments plugin never imports the plugin that owns a record: the record's
``ResourceType`` (``commentable=True``) gives ``load`` (the record, whose
``component`` the permissions are asked on) and ``describe`` (its title and
page, only for what may be shown: a draft or a hidden record has none, and
cannot be commented).
"""

from __future__ import annotations

from typing import Any

import attrs
from flask import abort

from pnyx import api


@attrs.frozen
class Target:
    """A commentable record: what the thread needs to know of it."""

    resource_type: str
    resource_id: int
    record: Any
    component: api.Component
    title: str
    url: str
    #: The language a resident wrote the title in ('' if unknown or staff content).
    language: str = ""

    @property
    def anchor(self) -> str:
        return f"{self.url}#comments"

    def comment_url(self, comment_id: int) -> str:
        return f"{self.url}#comment-{comment_id}"


def commentable(resource_type: str) -> api.ResourceType | None:
    found = api.links.resource_type(resource_type)
    if found is None or not found.commentable or found.load is None:
        return None
    return found


def find(resource_type: str, resource_id: int, record: Any = None) -> Target | None:
    """The target, or ``None`` when it does not exist, is not commentable or not visible."""
    kind = commentable(resource_type)
    if kind is None or resource_id > api.MAX_ID:
        return None
    session = api.db_session()
    if record is None:
        record = kind.load(session, resource_id)
    component = api.component_of(record) if record is not None else None
    if component is None:
        return None
    described = api.links.describe(session, resource_type, [resource_id]).get(resource_id)
    if described is None:
        return None
    return Target(
        resource_type,
        resource_id,
        record,
        component,
        described.title,
        described.url,
        described.language,
    )


def find_or_404(resource_type: str, resource_id: int) -> Target:
    target = find(resource_type, resource_id)
    if target is None or not api.decide(api.current_user(), api.actions.VIEW, target.record):
        abort(404)
    return target


def settings_of(target: Target) -> api.ResolvedSettings:
    return api.current_settings(target.component)


def enabled(target: Target) -> bool:
    return bool(settings_of(target).get("comments_enabled", True))


def blocked(target: Target) -> bool:
    return bool(settings_of(target).get("comments_blocked", False))
