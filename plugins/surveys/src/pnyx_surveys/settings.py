"""The component's settings; the admin form is generated from these marshmallow schemas.

Per phase: whether answering is open and whether the results are public, so
"answers in phase 1, results in phase 2" is configuration, not code.
"""

from __future__ import annotations

from marshmallow import Schema, fields

from pnyx import api


class GlobalSettings(Schema):
    anonymous_answers = fields.Boolean(
        load_default=False,
        metadata={
            "label": api._l("People may answer without an account"),
            "description": api._l(
                "One answer per browser session, with a small question against robots; "
                "nothing identifying is stored."
            ),
        },
    )
    file_uploads = fields.Boolean(
        load_default=False,
        metadata={
            "label": api._l("Questions may ask for a file"),
            "description": api._l(
                "Offers the “File upload” question. Files are private: only the person who "
                "sent one and the survey's staff may open it. File questions are asked of "
                "people signed in only."
            ),
        },
    )
    editable_answers = fields.Boolean(
        load_default=False,
        metadata={"label": api._l("People may change their answers until the survey closes")},
    )


class StepSettings(Schema):
    answers_enabled = fields.Boolean(
        load_default=True, metadata={"label": api._l("Answering is open")}
    )
    results_public = fields.Boolean(
        load_default=False, metadata={"label": api._l("Results are public")}
    )
