"""Hooks of ``goodboard``: a component type with public and admin pages, a CLI group, a seed."""

from __future__ import annotations

import click
from flask import Blueprint, abort, render_template
from marshmallow import Schema, fields
from sqlalchemy import select

from pnyx import api
from pnyx_goodboard.models import Note

public = Blueprint("goodboard", __name__)
admin = Blueprint("goodboard_admin", __name__)


class GlobalSettings(Schema):
    heading = fields.String(load_default="Notes")


class StepSettings(Schema):
    notes_enabled = fields.Boolean(load_default=True)


@public.get("/")
@api.requires(api.actions.VIEW)
def index() -> str:
    query = select(Note).where(Note.component_id == api.current_component().id)
    return render_template("goodboard/index.html", notes=api.db_session().scalars(query).all())


@public.get("/notes/<int:note_id>")
@api.requires(api.actions.VIEW)
def note(note_id: int) -> str:
    found = api.db_session().get(Note, note_id)
    if found is None or found.component_id != api.current_component().id:
        abort(404)
    return render_template("goodboard/note.html", note=found)


@public.post("/notes")
@api.requires("goodboard.write")
def write() -> str:
    return "written"


@admin.get("/")
@api.requires(api.actions.ADMIN)
def manage() -> str:
    return "admin"


def seed(session, component) -> None:
    session.add_all(Note(component_id=component.id, title=f"Note {n}") for n in (1, 2))
    session.flush()


@click.group("goodboard")
def commands() -> None:
    """Good board commands."""


@commands.command("hello")
def hello() -> None:
    click.echo("hello from goodboard")


@api.hookimpl
def register_component_types() -> list[api.ComponentType]:
    return [
        api.ComponentType(
            name="goodboard",
            label="Good board",
            actions=[api.Action("goodboard.write", "Write", step_setting="notes_enabled")],
            global_settings=GlobalSettings,
            step_settings=StepSettings,
            public_blueprint=public,
            admin_blueprint=admin,
            resource_types=[api.ResourceType("goodboard_note", "Note")],
            seed=seed,
        )
    ]


@api.hookimpl
def register_commands(cli) -> None:
    cli.add_command(commands)
