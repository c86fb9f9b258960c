"""The admin forms: an assembly's settings and one member."""

from __future__ import annotations

from marshmallow import Schema, fields, validate
from sqlalchemy import select

from pnyx import api
from pnyx_assemblies.kinds import (
    KINDS,
    POSITIONS,
    SPACE_TYPE,
    VISIBILITIES,
    kind_labels,
    position_labels,
    visibility_labels,
)


def rich(label: str, description: str | None = None) -> api.TranslatedText:
    metadata = {"label": label}
    if description:
        metadata["description"] = description
    return api.TranslatedText(rich=True, ugc=False, metadata=metadata)


def parent_choices(space: api.Space) -> list[tuple[int, str]]:
    """Other assemblies that may hold this one (not itself; a loop is refused on saving)."""
    query = (
        select(api.Space)
        .where(api.Space.type == SPACE_TYPE, api.Space.id != space.id)
        .order_by(api.Space.position, api.Space.id)
    )
    return [(row.id, api.translated(row.title)) for row in api.db_session().scalars(query)]


def assembly_schema(space: api.Space) -> Schema:
    kinds, visibilities = kind_labels(), visibility_labels()
    parents = parent_choices(space)
    fields_ = {
        "kind": fields.String(
            required=True,
            validate=validate.OneOf(KINDS, labels=[kinds[k] for k in KINDS]),
            metadata={"label": api._l("Type of assembly")},
        ),
        "visibility": fields.String(
            required=True,
            validate=validate.OneOf(VISIBILITIES, labels=[visibilities[v] for v in VISIBILITIES]),
            metadata={"label": api._l("Who sees it and takes part"), "widget": "radio"},
        ),
        "parent_space_id": fields.Integer(
            load_default=None,
            allow_none=True,
            validate=validate.OneOf([p[0] for p in parents], labels=[p[1] for p in parents]),
            metadata={
                "label": api._l("Parent assembly"),
                "description": api._l("Leave empty for an assembly at the top."),
            },
        ),
        "purpose": rich(api._l("Purpose")),
        "composition": rich(api._l("Composition"), api._l("Who sits in it and how many.")),
        "organisation": rich(api._l("Internal organisation")),
        "how_to_join": rich(api._l("How to join")),
        "duration": api.TranslatedText(
            max_length=200,
            metadata={"label": api._l("Duration"), "description": api._l("e.g. 2026–2028")},
        ),
        "closing_date": fields.Date(
            load_default=None,
            allow_none=True,
            validate=api.SensibleDate(),
            metadata={"label": api._l("Closing date")},
        ),
        "closing_reason": rich(api._l("Reason for closing")),
        "theme_id": api.term_field("theme", api._l("Theme")),
        "territory_id": api.term_field("territory", api._l("Territory")),
    }
    return Schema.from_dict(fields_, name="AssemblySettings")()


def member_schema() -> Schema:
    positions = position_labels()
    fields_ = {
        "email": fields.Email(
            load_default="",
            metadata={
                "label": api._l("E-mail address of a registered person"),
                "description": api._l(
                    "Their account's address: their name comes from their account. "
                    "Leave empty for a person without an account."
                ),
            },
        ),
        "name": fields.String(
            load_default="",
            validate=validate.Length(max=200),
            metadata={
                "label": api._l("Name"),
                "description": api._l("For a person without an account."),
            },
        ),
        "position": fields.String(
            required=True,
            validate=validate.OneOf(POSITIONS, labels=[positions[p] for p in POSITIONS]),
            metadata={"label": api._l("Position")},
        ),
        "position_label": api.TranslatedText(
            max_length=100,
            metadata={
                "label": api._l("Name of the position"),
                "description": api._l("When the position is “Other position”."),
            },
        ),
    }
    fields_["photo_alt"] = fields.String(
        load_default="",
        validate=validate.Length(max=300),
        metadata={
            "label": api._l("Text alternative of the photo"),
            "description": api._l(
                "What the photo shows, for people who cannot see it (required with a photo)."
            ),
        },
    )
    return Schema.from_dict(fields_, name="AssemblyMember")()
