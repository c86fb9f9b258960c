"""``pnyx steps activate``: activate the phases whose dates have begun (run from cron)."""

from __future__ import annotations

import datetime as dt

import click
from flask.cli import with_appcontext

from pnyx.db import get_session
from pnyx.i18n import translated
from pnyx.steps import activate_due_steps


@click.group()
def steps() -> None:
    """Phases of participatory spaces."""


@steps.command("activate")
@click.option("--date", "on_date", type=click.DateTime(["%Y-%m-%d"]), help="Pretend today is.")
@with_appcontext
def activate(on_date: dt.datetime | None) -> None:
    """Activate every space's phase whose dates have begun."""
    session = get_session()
    activated = activate_due_steps(session, on_date.date() if on_date else None)
    session.commit()
    for step in activated:
        click.echo(f"{step.space.slug}: {translated(step.title, 'en')} is now active")
    if not activated:
        click.echo("No phase to activate.")
