"""The board's settings, validated by marshmallow; the admin form is generated from them.

``GlobalSettings`` apply in every phase; ``StepSettings`` may differ from one
phase to the next, which is how "posting during the first phase only" is
configuration rather than code.
"""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from pnyx import api


class GlobalSettings(Schema):
    max_length = fields.Integer(
        load_default=280,
        validate=validate.Range(min=1, max=5000),
        metadata={"label": api._l("Maximum length of a message (characters)")},
    )


class StepSettings(Schema):
    posting_enabled = fields.Boolean(
        load_default=True,
        metadata={"label": api._l("Posting enabled")},
    )
