"""Hooks of ``keeper``. Its settings use every field the form layer draws."""

from __future__ import annotations

from flask import Blueprint
from marshmallow import Schema, fields, validate

from pnyx import api

public = Blueprint("keeper", __name__)
admin = Blueprint("keeper_admin", __name__)


class GlobalSettings(Schema):
    max_items = fields.Integer(
        load_default=10,
        validate=validate.Range(min=1, max=100),
        metadata={"label": "Maximum number of items", "description": "From 1 to 100."},
    )
    # as_string: settings are stored as JSON, which has no decimal type.
    budget = fields.Decimal(
        load_default=None, allow_none=True, as_string=True, metadata={"label": "Budget"}
    )
    opens_on = fields.Date(load_default=None, allow_none=True, metadata={"label": "Opens on"})
    mode = fields.String(
        load_default="simple",
        validate=validate.OneOf(["simple", "ranked"], labels=["Simple", "Ranked"]),
        metadata={"label": "Mode"},
    )
    themes = fields.List(
        fields.String(validate=validate.OneOf(["parks", "roads"], labels=["Parks", "Roads"])),
        load_default=list,
        metadata={"label": "Themes"},
    )
    intro = api.TranslatedText(multiline=True, metadata={"label": "Introduction"})
    locked = fields.Boolean(
        load_default=False,
        metadata={"label": "Locked", "confirm": "Nobody can add an item once it is locked."},
    )


class StepSettings(Schema):
    items_enabled = fields.Boolean(load_default=False, metadata={"label": "Items enabled"})
    announcement = fields.String(load_default="", metadata={"label": "Announcement"})


def deletion_blocker(session, component) -> str | None:
    if api.current_settings(component).get("locked"):
        return "This keeper is locked."
    return None


@public.get("/")
@api.requires(api.actions.VIEW)
def index() -> str:
    return f"keeper items={api.current_settings().get('items_enabled')}"


@admin.get("/")
@api.requires(api.actions.ADMIN)
def manage() -> str:
    return "keeper admin"


@admin.get("/team")
@api.requires(api.actions.ADMIN_SPACE)  # space-scoped: the space's admins too, without any code
def team() -> str:
    return "keeper space team"


@api.hookimpl
def register_component_types() -> list[api.ComponentType]:
    return [
        api.ComponentType(
            name="keeper",
            label="Keeper",
            description="Keeps items.",
            actions=[api.Action("keeper.add", "Add an item", step_setting="items_enabled")],
            global_settings=GlobalSettings,
            step_settings=StepSettings,
            public_blueprint=public,
            admin_blueprint=admin,
            deletion_blocker=deletion_blocker,
        )
    ]
