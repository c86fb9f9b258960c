"""The component's settings (the admin form is generated from them).

Every field has a default, so a new board starts with valid settings.
"""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from pnyx import api


def _number(default: int, low: int, high: int, label: object) -> fields.Integer:
    return fields.Integer(
        load_default=default, validate=validate.Range(min=low, max=high), metadata={"label": label}
    )


class GlobalSettings(Schema):
    expiry_days = _number(14, 1, 90, api._l("Days a post stays up before it expires (renewable)"))
    messages_per_hour = _number(
        30, 1, 500, api._l("Messages a person may send per hour (all conversations)")
    )
    conversations_per_day = _number(10, 1, 200, api._l("Conversations a person may open per day"))
    reports_to_hide = _number(
        3, 0, 1000, api._l("Reports that hide a post automatically (0: never)")
    )


class StepSettings(Schema):
    posting_enabled = fields.Boolean(
        load_default=True, metadata={"label": api._l("Residents may post offers and requests")}
    )
    contact_enabled = fields.Boolean(
        load_default=True, metadata={"label": api._l("Residents may contact each other")}
    )
