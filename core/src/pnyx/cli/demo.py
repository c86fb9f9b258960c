"""``pnyx seed`` and ``pnyx demo``: a ready-to-try instance on the embedded default."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import with_appcontext

from pnyx.cli.db import friendly_errors
from pnyx.cli.serve import run_server
from pnyx.db import get_session
from pnyx.demo import DEMO_ACCOUNTS, seed_demo
from pnyx.migrate import upgrade


def refuse_in_production(command: str) -> None:
    """Demo accounts have published passwords: never on a production instance."""
    if current_app.config.get("ENV") == "production":
        raise click.ClickException(
            f"pnyx {command} refuses to run with PNYX_ENV=production: its demo accounts have "
            "published passwords. Create real accounts with the admin pages instead, or run "
            f"`pnyx {command}` on a development instance."
        )


@click.command()
@with_appcontext
def seed() -> None:
    """Add demo data (organization, accounts, a process, every enabled plugin's data)."""
    refuse_in_production("seed")
    with friendly_errors():
        seeded = seed_demo(get_session())
    click.echo(f"Seeded: {', '.join(seeded)}" if seeded else "Demo data already present.")


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@with_appcontext
def demo(host: str, port: int) -> None:
    """Migrate, seed demo data once, print the demo accounts and serve."""
    refuse_in_production("demo")
    app = current_app
    click.echo(f"Instance folder: {app.config['INSTANCE_PATH']}")
    click.echo(f"Database: {app.config['DATABASE_URL']}")
    with friendly_errors():
        upgrade(app)
        seeded = seed_demo(get_session())
    if seeded:
        click.echo(f"Demo data seeded for: {', '.join(seeded)}")
    enabled = ", ".join(app.extensions["pnyx.plugins"].plugins) or "none"
    click.echo(f"Plugins enabled: {enabled}")
    click.echo("Demo accounts:")
    for account in DEMO_ACCOUNTS:
        click.echo(f"  {account.email} / {account.password}  ({account.role or 'resident'})")
    click.echo(f"Open http://{host}:{port}/ (Ctrl+C to stop)")
    run_server(host, port)
