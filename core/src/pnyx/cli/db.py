"""``pnyx db``: apply, revert and write migrations, one history per plugin."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import with_appcontext
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from pnyx import migrate

PLUGIN_HELP = "The history: a plugin's name, or pnyx for the core."


@contextmanager
def friendly_errors() -> Iterator[None]:
    """Turn the errors a person can fix into one line, without a traceback."""
    try:
        yield
    except migrate.MigrationError as error:
        raise click.ClickException(str(error)) from error
    except DBAPIError as error:
        reason = str(error.orig or error).strip().splitlines()[0]
        url = make_url(current_app.config["DATABASE_URL"]).render_as_string(hide_password=True)
        raise click.ClickException(f"Database error: {reason} (database: {url})") from error


def _app() -> Flask:
    return current_app._get_current_object()  # type: ignore[attr-defined]


@click.group()
def db() -> None:
    """Database migrations: the core's history, then each enabled plugin's."""


@db.command()
@click.option("--plugin", metavar="NAME", help=f"Only this history. {PLUGIN_HELP}")
@click.option("--revision", "target", default="heads", show_default=True, metavar="REV")
@with_appcontext
def upgrade(plugin: str | None, target: str) -> None:
    """Apply migrations: the core's, then each enabled plugin's (never done at start-up)."""
    with friendly_errors():
        before = migrate.current(_app())
        migrate.upgrade(_app(), plugin, target)
        _report(before, migrate.current(_app()))


@db.command()
@click.option("--plugin", metavar="NAME", required=True, help=PLUGIN_HELP)
@click.option(
    "--revision",
    "target",
    default="-1",
    show_default=True,
    metavar="REV",
    help="A revision id, -N (N steps back), or base (removes the history's tables).",
)
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@with_appcontext
def downgrade(plugin: str, target: str, yes: bool) -> None:
    """Revert one history's migrations; what they created loses its data."""
    with friendly_errors():
        migrate.get_history(_app(), plugin)
        if not yes:
            click.confirm(
                f"Downgrade '{plugin}' to {target}? What these migrations created is deleted.",
                abort=True,
            )
        before = migrate.current(_app())
        migrate.downgrade(_app(), plugin, target)
        _report(before, migrate.current(_app()))


@db.command()
@click.option("--plugin", metavar="NAME", required=True, help=PLUGIN_HELP)
@click.option("-m", "--message", required=True, help="What the migration does, in a few words.")
@click.option("--empty", is_flag=True, help="Write an empty script (for data changes).")
@with_appcontext
def revision(plugin: str, message: str, empty: bool) -> None:
    """Write a migration script: what the plugin's models changed since the database."""
    with friendly_errors():
        path = Path(migrate.revision(_app(), plugin, message, autogenerate=not empty))
    click.echo(f"Wrote {_relative(path)}: review it before committing.")


@db.command()
@with_appcontext
def current() -> None:
    """Show each history's revision in the database and what is left to apply."""
    with friendly_errors():
        applied = migrate.current(_app())
        newest = migrate.heads(_app())
    for name, head in newest.items():
        at = applied.get(name)
        state = "up to date" if at == head else f"behind: head is {head}, run pnyx db upgrade"
        click.echo(f"{name}: {at or 'nothing applied'} ({state})")


def _report(before: dict[str, str | None], after: dict[str, str | None]) -> None:
    changed = [name for name in after if before.get(name) != after[name]]
    for name in changed:
        click.echo(f"{name}: {before.get(name) or 'nothing'} -> {after[name] or 'nothing'}")
    if not changed:
        click.echo("Nothing to do: the database is already there.")


def _relative(path: Path) -> str:
    return str(path.relative_to(Path.cwd())) if path.is_relative_to(Path.cwd()) else str(path)
