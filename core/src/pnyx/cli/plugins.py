"""``pnyx plugins list``: what is installed, what is enabled, what each brings."""

from __future__ import annotations

import importlib.metadata as metadata

import click
from flask import current_app
from flask.cli import with_appcontext

from pnyx import plugin_system


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
