"""Schemas of the admin forms (drawn and read by ``api.Form``, see docs/forms.md).

Choices that come from the database (territories, themes) are bound when the
schema is built, at each request.
"""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from pnyx import api
from pnyx_budgets.models import FOLLOW_STATES, VOTE_TYPES
from pnyx_budgets.money import CURRENCIES
from pnyx_budgets.outcomes.registry import RULES

#: Fields of a budget that no longer change once a ballot exists.
FROZEN_BUDGET_FIELDS = (
    "amount",
    "currency",
    "vote_type",
    "min_projects",
    "max_projects",
    "min_total",
    "max_total",
    "points_total",
    "points_per_project",
    "scoring",
    "rule",
    "threshold",
    "seed",
)

VOTE_TYPE_LABELS = {
    "approval": api._l("Approval: choose projects"),
    "cumulative": api._l("Points: spread points over projects"),
    "ordinal": api._l("Ranking: rank projects, favourite first"),
}
RULE_LABELS = {
    "greedy": api._l("Greedy: by votes, skipping what no longer fits"),
    "greedy-no-skip": api._l("Greedy without skipping: stop at the first that does not fit"),
    "greedy-threshold": api._l("Greedy with a minimum number of votes"),
    "mes": api._l("Method of Equal Shares"),
    "mes-add1": api._l("Method of Equal Shares, completed (Add1)"),
}
FOLLOW_LABELS = {
    "not_started": api._l("Not started"),
    "in_progress": api._l("In progress"),
    "done": api._l("Done"),
    "cancelled": api._l("Cancelled"),
}


def optional_int(label: Any, description: Any = None, minimum: int = 0) -> fields.Integer:
    metadata = {"label": label}
    if description:
        metadata["description"] = description
    return fields.Integer(
        load_default=None,
        allow_none=True,
        validate=validate.Range(min=minimum, max=1_000_000),
        metadata=metadata,
    )


def optional_amount(label: Any, description: Any) -> fields.Decimal:
    return fields.Decimal(
        load_default=None,
        allow_none=True,
        validate=validate.Range(min=0),
        metadata={"label": label, "description": description},
    )


def budget_schema() -> type[Schema]:
    class BudgetSchema(Schema):
        title = api.TranslatedText(
            required=True, max_length=200, metadata={"label": api._l("Title")}
        )
        description = api.TranslatedText(multiline=True, metadata={"label": api._l("Description")})
        amount = fields.Decimal(
            required=True,
            validate=validate.Range(min=0),
            metadata={
                "label": api._l("Amount"),
                "description": api._l("Such as 300000 or 1250.50."),
            },
        )
        currency = fields.String(
            load_default="EUR",
            validate=validate.OneOf(CURRENCIES),
            metadata={"label": api._l("Currency")},
        )
        territory_id = api.term_field("territory", api._l("Territory"))
        position = fields.Integer(
            load_default=0,
            validate=validate.Range(min=0, max=1000),
            metadata={"label": api._l("Position in the list")},
        )
        vote_type = fields.String(
            load_default="approval",
            validate=validate.OneOf(VOTE_TYPES, labels=[VOTE_TYPE_LABELS[v] for v in VOTE_TYPES]),
            metadata={"label": api._l("Ballot"), "widget": "radio"},
        )
        min_projects = optional_int(api._l("Minimum number of projects"))
        max_projects = optional_int(
            api._l("Maximum number of projects"),
            api._l("For a ranking of exactly 3 projects, write 3 here and as the minimum."),
        )
        min_total = optional_amount(
            api._l("Minimum total cost"), api._l("Such as 70% of the amount. Empty: none.")
        )
        max_total = optional_amount(
            api._l("Maximum total cost"), api._l("Usually the amount itself. Empty: no limit.")
        )
        points_total = optional_int(api._l("Points each voter gives (points ballot)"), minimum=1)
        points_per_project = optional_int(
            api._l("Most points on one project (points ballot)"), minimum=1
        )
        scoring = fields.String(
            load_default="",
            validate=validate.Regexp(
                r"^(\d+(,\d+)*)?$",
                error=api._l("Write numbers separated by commas, such as 3,2,1."),
            ),
            metadata={
                "label": api._l("Points of ranks 1, 2, 3… (ranking)"),
                "description": api._l("Such as 3,2,1. Empty: Borda count."),
            },
        )
        rule = fields.String(
            load_default="greedy",
            validate=validate.OneOf(list(RULES), labels=[RULE_LABELS[r] for r in RULES]),
            metadata={"label": api._l("How winners are chosen"), "widget": "radio"},
        )
        threshold = optional_int(api._l("Minimum votes (greedy with a minimum)"), minimum=1)
        seed = fields.String(
            load_default="pnyx",
            validate=validate.Length(min=1, max=64),
            metadata={
                "label": api._l("Seed of the tie-breaking draw"),
                "description": api._l("Publish it before the vote, such as a lottery number."),
            },
        )

        @validates_schema
        def consistent(self, data: dict[str, Any], **_kwargs: Any) -> None:
            check_budget(data)

    return BudgetSchema


def check_budget(data: dict[str, Any]) -> None:
    """Rules that concern several fields; each error names the field to change."""
    errors: dict[str, str] = {}
    for low, high in (("min_projects", "max_projects"), ("min_total", "max_total")):
        if data.get(low) is not None and data.get(high) is not None and data[low] > data[high]:
            errors[high] = api._("The maximum must not be below the minimum.")
    kind, rule = data.get("vote_type"), data.get("rule")
    if rule in ("mes", "mes-add1") and kind != "approval":
        errors["rule"] = api._("The Method of Equal Shares needs an approval ballot.")
    if rule == "greedy-threshold" and data.get("threshold") is None:
        errors["threshold"] = api._("Write the minimum number of votes.")
    if kind == "cumulative" and data.get("points_total") is None:
        errors["points_total"] = api._("Write how many points each voter gives.")
    if kind == "ordinal" and data.get("max_projects") is None:
        errors["max_projects"] = api._("Write how many projects a voter ranks at most.")
    if errors:
        raise ValidationError(errors)


def project_schema() -> type[Schema]:
    class ProjectSchema(Schema):
        title = api.TranslatedText(
            required=True, max_length=200, metadata={"label": api._l("Title")}
        )
        # Rich text (docs/rich-text.md); it may come from a resident's proposal, so ugc.
        description = api.TranslatedText(rich=True, metadata={"label": api._l("Description")})
        cost = fields.Decimal(
            required=True,
            validate=validate.Range(min=0),
            metadata={"label": api._l("Cost"), "description": api._l("Such as 45000 or 1250.50.")},
        )
        territory_id = api.term_field("territory", api._l("Territory"))
        themes = api.term_field("theme", api._l("Themes"), many=True)
        address = fields.String(
            load_default="",
            validate=validate.Length(max=300),
            metadata={"label": api._l("Address")},
        )
        code = fields.String(
            load_default="",
            validate=validate.Length(max=64),
            metadata={
                "label": api._l("Reference"),
                "description": api._l("An identifier of your own; imports match projects on it."),
            },
        )
        position = fields.Integer(
            load_default=0,
            validate=validate.Range(min=0, max=100_000),
            metadata={"label": api._l("Position in the list")},
        )

    return ProjectSchema


class FollowUpSchema(Schema):
    follow_status = fields.String(
        load_default="not_started",
        validate=validate.OneOf(FOLLOW_STATES, labels=[FOLLOW_LABELS[s] for s in FOLLOW_STATES]),
        metadata={"label": api._l("Status")},
    )
    progress = fields.Integer(
        load_default=0,
        validate=validate.Range(min=0, max=100),
        metadata={"label": api._l("Progress (%)")},
    )

    @validates_schema
    def consistent(self, data: dict[str, Any], **_kwargs: Any) -> None:
        """A status and a progress that contradict each other ("not started" at 10 %) would
        tell residents two stories on the project's page."""
        status, progress = data.get("follow_status"), data.get("progress")
        if status == "not_started" and progress:
            message = api._("A project not started is at 0%: set 0, or change its status.")
        elif status == "done" and progress is not None and progress != 100:
            message = api._("A project done is at 100%: set 100, or change its status.")
        else:
            return
        raise ValidationError({"progress": message})


class TimelineSchema(Schema):
    day = fields.Date(
        required=True, validate=api.SensibleDate(), metadata={"label": api._l("Date")}
    )
    title = api.TranslatedText(
        required=True, max_length=200, metadata={"label": api._l("What happened")}
    )
    body = api.TranslatedText(multiline=True, metadata={"label": api._l("Details")})
