"""The component's settings (the admin form is generated from them). The core adds
``comments_enabled`` and ``comments_blocked`` to the step settings: debates are commentable."""

from __future__ import annotations

from marshmallow import Schema, fields

from pnyx import api


class StepSettings(Schema):
    creation_enabled = fields.Boolean(
        load_default=False, metadata={"label": api._l("Residents may open debates")}
    )
