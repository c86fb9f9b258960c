"""Marshmallow schemas of the core's resources, and helpers for plugins' schemas."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields

from pnyx.models import User


def author_name(user: User | None) -> str | None:
    """An author's public name, or ``None`` for a deleted account (or no author)."""
    if user is None or user.deleted_at is not None:
        return None
    return user.name


class Translated(fields.Dict):
    """A content field in every language it is written in: ``{"fr": "...", "en": "..."}``."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(keys=fields.String(), values=fields.String(), **kwargs)


class SpaceSchema(Schema):
    id = fields.Integer(required=True)
    type = fields.String(required=True, metadata={"description": "process, assembly..."})
    slug = fields.String(required=True)
    title = Translated(required=True)
    description = Translated(required=True)
    territory_id = fields.Integer(allow_none=True)
    theme_ids = fields.Function(
        lambda space: [term.id for term in space.themes],
        metadata={"type": "array", "items": {"type": "integer"}},
    )
    created_at = fields.DateTime(required=True)


class PhaseSchema(Schema):
    id = fields.Integer(required=True)
    space_id = fields.Integer(required=True)
    position = fields.Integer(required=True)
    title = Translated(required=True)
    description = Translated(required=True)
    start_date = fields.Date(allow_none=True)
    end_date = fields.Date(allow_none=True)
    active = fields.Boolean(required=True)


class ComponentSchema(Schema):
    id = fields.Integer(required=True)
    space_id = fields.Integer(required=True)
    type = fields.String(required=True, metadata={"description": "proposals, budgets..."})
    name = Translated(required=True)
    created_at = fields.DateTime(required=True)


class OrganizationSchema(Schema):
    name = Translated(required=True)
    default_locale = fields.String(required=True)
    available_locales = fields.List(fields.String(), required=True)
    time_zone = fields.String(required=True)
    licence = fields.String(required=True, metadata={"description": "etalab-2.0 or odbl-1.0"})
