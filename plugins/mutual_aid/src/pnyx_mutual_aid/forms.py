"""The post form, built per request (its categories and territories are the board's)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask_babel import to_user_timezone
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from pnyx import api
from pnyx_mutual_aid import categories


def post_schema(component: api.Component) -> type[Schema]:
    choices = categories.choices(component)
    has_territories = bool(api.taxonomy_terms("territory"))

    class PostSchema(Schema):
        kind = fields.String(
            required=True,
            validate=validate.OneOf(
                ["offer", "request"], labels=[api._("I offer help"), api._("I need help")]
            ),
            metadata={"label": api._l("You…"), "widget": "radio"},
        )
        category = fields.Integer(
            required=True,
            validate=validate.OneOf(
                [value for value, _label in choices], labels=[label for _v, label in choices]
            ),
            metadata={"label": api._l("Kind of help")},
        )
        territory = api.term_field(
            "territory",
            api._l("Where (your neighbourhood or commune, never your address)"),
            required=has_territories,
        )
        title = fields.String(
            required=True,
            validate=validate.Length(min=3, max=120),
            metadata={"label": api._l("In a few words")},
        )
        body = fields.String(
            required=True,
            validate=validate.Length(min=10, max=2000),
            metadata={
                "label": api._l("Details"),
                "widget": "textarea",
                "description": api._l(
                    "What, when, how often. Do not write your address or phone number: "
                    "you will talk in a private conversation."
                ),
            },
        )
        available_from = fields.Date(
            load_default=None,
            allow_none=True,
            validate=api.SensibleDate(),
            metadata={"label": api._l("Available from")},
        )
        available_until = fields.Date(
            load_default=None,
            allow_none=True,
            validate=api.SensibleDate(),
            metadata={"label": api._l("Available until")},
        )

        @validates_schema
        def _window(self, data: dict[str, Any], **_kwargs: Any) -> None:
            start, end = data.get("available_from"), data.get("available_until")
            if start and end and end < start:
                raise ValidationError(
                    api._("The end of the availability comes after its start."),
                    "available_until",
                )
            # A post whose availability is over would be published open, for nobody.
            if end and end < local_today():
                raise ValidationError(
                    api._("This date has passed: the availability must end today or later."),
                    "available_until",
                )

    return PostSchema


def local_today() -> dt.date:
    """Today in the organization's time zone (the request's, from Flask-Babel)."""
    return to_user_timezone(api.utcnow()).date()
