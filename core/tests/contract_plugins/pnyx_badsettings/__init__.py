"""``badsettings``: a global setting that is required and has no default."""

from __future__ import annotations

from marshmallow import Schema, fields

from pnyx import api


class GlobalSettings(Schema):
    budget = fields.Integer(required=True)


@api.hookimpl
def register_component_types() -> list[api.ComponentType]:
    return [api.ComponentType(name="badsettings", label="Bad", global_settings=GlobalSettings)]
