"""The meetings component's settings, validated by marshmallow (the admin form comes from them).

``GlobalSettings`` apply in every phase; ``StepSettings`` may change from one
phase to the next: "participants may propose meetings during the first phase"
and "registrations are open until the vote" are configuration, not code.
"""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from pnyx import api


class GlobalSettings(Schema):
    participants_can_enable_registrations = fields.Boolean(
        load_default=True,
        metadata={"label": api._l("Participants may open registrations for their meetings")},
    )
    max_capacity_for_participants = fields.Integer(
        load_default=200,
        validate=validate.Range(min=0, max=100000),
        metadata={"label": api._l("Most seats a participant's meeting may offer (0: no limit)")},
    )


class StepSettings(Schema):
    creation_enabled = fields.Boolean(
        load_default=False,
        metadata={"label": api._l("Participants may create meetings")},
    )
    registrations_enabled = fields.Boolean(
        load_default=True,
        metadata={"label": api._l("Registrations are open")},
    )
