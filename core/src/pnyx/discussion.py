"""What the core knows of comments: the opt-in of resource types, never the comments.

A plugin's resource type says ``ResourceType(commentable=True, load=...)``; the
core then (1) adds two step settings to that component type, so "comments
enabled" and "comments blocked" are configuration per component and per phase
like every other action's gate, and (2) answers :func:`comment_counts` for list
cards through the ``count_comments`` hook, in one grouped query of whichever
plugin brings comments. The comments themselves live in a plugin
(``pnyx_comments``) that the core never imports (docs/comments.md).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

import attrs
from flask import current_app
from flask_babel import lazy_gettext as _l
from marshmallow import Schema, fields

from pnyx.manifests import ComponentType, ResourceType

log = logging.getLogger(__name__)

#: The step settings a component type with a commentable resource type gains.
COMMENT_SETTINGS = ("comments_enabled", "comments_blocked")


def _comment_fields(enabled: bool) -> dict[str, fields.Field]:
    return {
        "comments_enabled": fields.Boolean(
            load_default=enabled, metadata={"label": _l("Comments enabled")}
        ),
        "comments_blocked": fields.Boolean(
            load_default=False,
            metadata={"label": _l("Comments blocked (shown, but no new ones)")},
        ),
    }


def with_comment_settings(component_type: ComponentType) -> ComponentType:
    """The component type, its step settings extended when a resource type is commentable."""
    kinds = [kind for kind in component_type.resource_types if kind.commentable]
    if not kinds:
        return component_type
    base = component_type.step_settings or Schema
    if all(name in base._declared_fields for name in COMMENT_SETTINGS):
        return component_type
    # On unless every commentable type of the component asked to start with comments off.
    enabled = any(kind.comments_by_default for kind in kinds)
    extended = type(base.__name__, (base,), _comment_fields(enabled))
    return attrs.evolve(component_type, step_settings=extended)


def commentable_type(name: str) -> ResourceType | None:
    """The commentable resource type registered as ``name``, or ``None``."""
    registry = current_app.extensions["pnyx.plugins"].registry
    for component_type in registry.component_types.values():
        for kind in component_type.resource_types:
            if kind.name == name and kind.commentable:
                return kind
    return None


def comment_counts(
    resource_type: str, items: Iterable[Any], *, people: bool = False
) -> dict[int, int]:
    """``{id: visible comments}`` for records of ``resource_type`` (ids, or records with ``id``);
    with ``people=True``, how many different people commented instead.

    One call per list, whatever its length: the ``count_comments`` hook answers
    with one grouped query. Ids without comments are left out (read
    ``counts.get(id, 0)``); without a comments plugin the answer is empty.
    """
    ids = [item if isinstance(item, int) else item.id for item in items]
    if not ids or commentable_type(resource_type) is None:
        return {}
    hook = current_app.extensions["pnyx.plugins"].pm.hook.count_comments
    counts: dict[int, int] = {}
    for impl in hook.get_hookimpls():
        kwargs = {"resource_type": resource_type, "ids": ids, "people": people}
        try:
            result = impl.function(**{name: kwargs[name] for name in impl.argnames})
        except Exception:
            log.exception("plugin %s failed in count_comments", impl.plugin_name)
            continue
        for key, value in (result or {}).items():
            counts[key] = counts.get(key, 0) + value
    return counts
