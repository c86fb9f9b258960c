"""The forms of a debate: opening (staff: every language; residents: the same fields),
closing with a conclusion. Schemas are built in the request (taxonomy terms are read then)."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, ValidationError, fields, validates_schema

from pnyx import api


def debate_schema(on_behalf: fields.Field | None = None) -> type[Schema]:
    """The debate's fields; ``on_behalf`` is ``api.groups.field(...)`` when the person may
    open it for one of their organizations (docs/groups.md)."""

    class DebateSchema(Schema):
        title = api.TranslatedText(
            required=True, max_length=200, metadata={"label": api._l("Title")}
        )
        framing = api.TranslatedText(
            rich=True,
            required=True,
            max_length=10_000,
            metadata={"label": api._l("Framing: the question and what is at stake")},
        )
        opens_on = fields.Date(
            load_default=None,
            allow_none=True,
            validate=api.SensibleDate(),
            metadata={"label": api._l("Opens on (optional)")},
        )
        closes_on = fields.Date(
            load_default=None,
            allow_none=True,
            validate=api.SensibleDate(),
            metadata={"label": api._l("Closes on (optional)")},
        )
        theme_id = api.term_field("theme", api._l("Theme"))
        territory_id = api.term_field("territory", api._l("Territory"))

        @validates_schema
        def dates_in_order(self, data: dict[str, Any], **_kwargs: Any) -> None:
            opens, closes = data.get("opens_on"), data.get("closes_on")
            if opens and closes and closes < opens:
                raise ValidationError(str(api._("The debate closes after it opens.")), "closes_on")

    if on_behalf is None:
        return DebateSchema
    return type("DebateSchema", (DebateSchema,), {"user_group_id": on_behalf})


def conclusion_schema() -> type[Schema]:
    class ConclusionSchema(Schema):
        conclusion = api.TranslatedText(
            rich=True,
            required=True,
            max_length=10_000,
            metadata={"label": api._l("Conclusion: what comes out of the debate")},
        )
        proposal_ids = fields.String(
            load_default="",
            metadata={
                "label": api._l("Linked proposals (numbers, separated by commas)"),
            },
        )
        meeting_ids = fields.String(
            load_default="",
            metadata={"label": api._l("Linked meetings (numbers, separated by commas)")},
        )

    return ConclusionSchema


def id_list(text: str) -> list[int]:
    """Ids typed as ``12, 14 15``; anything else is ignored."""
    found = []
    for part in text.replace(",", " ").split():
        number = api.as_int(part)
        if number is not None and 0 < number <= api.MAX_ID:
            found.append(number)
    return list(dict.fromkeys(found))
