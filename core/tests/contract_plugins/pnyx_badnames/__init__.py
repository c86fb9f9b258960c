"""``badnames``: an unprefixed action, CLI group and template (the app refuses to start)."""

from __future__ import annotations

import click

from pnyx import api


@click.group("oops")
def commands() -> None:
    """A group not named after the plugin."""


@api.hookimpl
def register_component_types() -> list[api.ComponentType]:
    return [
        api.ComponentType(name="badnames", label="Bad names", actions=[api.Action("post", "Post")])
    ]


@api.hookimpl
def register_commands(cli) -> None:
    cli.add_command(commands)
