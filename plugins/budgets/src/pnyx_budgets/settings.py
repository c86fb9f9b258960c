"""The component's settings, validated by marshmallow; the admin form is generated from them.

Global settings say how a person may vote across the component's budgets and
whether a cast ballot may be changed. Step settings are the phases of a
vote: disabled (neither box ticked), enabled, finished; and whether counts
and results are shown once it is finished.
"""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from pnyx import api

#: How many of the component's budgets a person may vote in.
ONE, ALL, UP_TO = "one", "all", "up_to"


class GlobalSettings(Schema):
    voting_rule = fields.String(
        load_default=ALL,
        validate=validate.OneOf(
            [ONE, ALL, UP_TO],
            labels=[
                api._l("In one budget only"),
                api._l("In every budget they may vote in"),
                api._l("In at most a number of budgets"),
            ],
        ),
        metadata={"label": api._l("Each person votes"), "widget": "radio"},
    )
    max_budgets = fields.Integer(
        load_default=2,
        validate=validate.Range(min=1, max=100),
        metadata={
            "label": api._l("Number of budgets (with “at most a number of budgets”)"),
        },
    )
    ballot_changes_allowed = fields.Boolean(
        load_default=False,
        metadata={
            "label": api._l("Voters may change or cancel their ballot until voting closes"),
        },
    )


class StepSettings(Schema):
    votes_enabled = fields.Boolean(load_default=False, metadata={"label": api._l("Voting is open")})
    votes_finished = fields.Boolean(
        load_default=False,
        metadata={
            "label": api._l("Voting is closed (ballots are final; counts may be shown)"),
            # Asked before saving (pnyx.admin settings): closing a vote cannot be undone.
            "confirm": api._l(
                "In this phase nobody can vote, change or cancel a ballot any more; every cast "
                "ballot is final and the counts can be computed. Once counts have been seen, "
                "re-opening the vote would not be fair."
            ),
        },
    )
    show_votes = fields.Boolean(
        load_default=False,
        metadata={"label": api._l("Show the number of votes of each project once voting closed")},
    )
    results_published = fields.Boolean(
        load_default=False,
        metadata={"label": api._l("Show the published results")},
    )

    @validates_schema
    def open_or_closed(self, data: dict[str, Any], **_kwargs: Any) -> None:
        if data.get("votes_enabled") and data.get("votes_finished"):
            raise ValidationError(
                api._("Voting cannot be open and closed in the same phase: untick one."),
                "votes_finished",
            )


def voting_open(component: api.Component) -> bool:
    return bool(api.current_settings(component).get("votes_enabled"))


def voting_closed(component: api.Component) -> bool:
    """Counts and results exist for nobody (admins included) until this is true."""
    return bool(api.current_settings(component).get("votes_finished"))
