"""``pnyx plugins list``: what is installed, what is enabled, what each brings."""

from __future__ import annotations

import importlib.metadata as metadata
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from pnyx import plugin_system, scaffold


@click.group()
def plugins() -> None:
    """Installed and enabled plugins."""


@plugins.command("list")
@with_appcontext
def list_plugins() -> None:
    """Every installed plugin: distribution, version, enabled, requires, hooks."""
    system = current_app.extensions["pnyx.plugins"]
    entry_points = plugin_system.installed_entry_points()
    if not entry_points:
        click.echo("No plugin is installed.")
    for name in sorted(entry_points):
        info = system.plugins.get(name)
        if info is not None:
            click.echo(f"{name}  {info.distribution} {info.version}  enabled")
            click.echo(f"    requires: {', '.join(info.requires) or '-'}")
            click.echo(f"    hooks: {', '.join(system.hook_names(name)) or '-'}")
            continue
        dist = entry_points[name].dist
        version = dist.version if dist else _version(name)
        click.echo(f"{name}  {dist.name if dist else '?'} {version}  not enabled")
    click.echo("Enable plugins with PNYX_PLUGINS=name,name (or * for all).")


def _version(name: str) -> str:
    try:
        return metadata.version(f"pnyx-{name}")
    except metadata.PackageNotFoundError:
        return "?"


@plugins.command("new")
@click.argument("name")
@click.option(
    "--directory",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Where to make the distribution's folder (pnyx-NAME).",
)
def new_plugin(name: str, directory: Path) -> None:
    """Make a plugin in its own distribution: installs with `pip install -e .`, tests pass."""
    try:
        target = scaffold.create_plugin(name, directory)
    except scaffold.ScaffoldError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Made the plugin '{name}' in {target}. Next:")
    click.echo(f"  cd {target} && pip install -e . && pytest")
    click.echo(f"  PNYX_PLUGINS={name} pnyx db upgrade && PNYX_PLUGINS={name} pnyx demo")
    click.echo("The tutorial's chapter 'A plugin in its own repository' explains each file.")
