"""``pnyx seed`` and ``pnyx demo``: a ready-to-try instance on the embedded default.

With ``--distribution NAME`` they seed a city distribution instead of the demo
(docs/distributions.md).
"""

from __future__ import annotations

import datetime as dt

import click
from flask import current_app
from flask.cli import with_appcontext

from pnyx import migrate
from pnyx.cli.db import friendly_errors
from pnyx.cli.serve import run_server
from pnyx.db import end_session, get_session
from pnyx.demo import DEMO_ACCOUNTS, DemoAccount, seed_demo
from pnyx.distributions import (
    Distribution,
    DistributionError,
    check_plugins,
    get_distribution,
    seed_distribution,
)
from pnyx.migrate import upgrade
from pnyx.plugin_system import installed_entry_points

DISTRIBUTION_OPTION = click.option(
    "--distribution",
    metavar="NAME",
    help="Seed this installed city distribution instead of the demo (docs/distributions.md).",
)


def refuse_in_production(command: str) -> None:
    """Demo accounts have published passwords: never on a production instance."""
    if current_app.config.get("ENV") == "production":
        raise click.ClickException(
            f"pnyx {command} refuses to run with PNYX_ENV=production: its demo accounts have "
            "published passwords. Create real accounts with the admin pages instead, or run "
            f"`pnyx {command}` on a development instance."
        )


def usable_distribution(name: str) -> Distribution:
    """The distribution ``name``, its plugins installed and enabled here; else a clear refusal."""
    try:
        distribution = get_distribution(name)
        enabled = list(current_app.extensions["pnyx.plugins"].plugins)
        check_plugins(distribution, enabled, list(installed_entry_points()))
    except DistributionError as error:
        raise click.ClickException(str(error)) from error
    return distribution


def require_upgraded(distribution: Distribution) -> None:
    """A distribution's seed writes to its plugins' tables: refuse, saying what to run, when a
    history is behind (``pnyx db upgrade`` run without the distribution's plugins, or never)."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]

    def revisions(found: str | None) -> set[str]:
        return set((found or "").split(","))

    current, heads = migrate.current(app), migrate.heads(app)
    behind = [name for name in heads if revisions(current.get(name)) != revisions(heads[name])]
    if behind:
        raise click.ClickException(
            f"The database is not up to date for distribution {distribution.name!r} "
            f"({', '.join(behind)}): run PNYX_DISTRIBUTION={distribution.name} pnyx db upgrade "
            f"first (pnyx demo --distribution {distribution.name} upgrades by itself)."
        )


def seed_named(distribution: Distribution) -> bool:
    """Seed ``distribution`` once (``False``: it already was); a refusal is one line."""
    try:
        return seed_distribution(get_session(), distribution, dt.date.today())
    except DistributionError as error:
        get_session().rollback()
        raise click.ClickException(str(error)) from error


@click.command()
@DISTRIBUTION_OPTION
@with_appcontext
def seed(distribution: str | None) -> None:
    """Add demo data (organization, accounts, a process, every enabled plugin's data)."""
    refuse_in_production("seed")
    if distribution:
        chosen = usable_distribution(distribution)
        with friendly_errors():
            require_upgraded(chosen)
            done = seed_named(chosen)
        click.echo(
            f"Seeded distribution {chosen.name}: {chosen.title}."
            if done
            else f"Distribution {chosen.name} already seeded."
        )
        return
    with friendly_errors():
        seeded = seed_demo(get_session())
    click.echo(f"Seeded: {', '.join(seeded)}" if seeded else "Demo data already present.")


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@DISTRIBUTION_OPTION
@with_appcontext
def demo(host: str, port: int, distribution: str | None) -> None:
    """Migrate, seed demo data once, print the demo accounts and serve."""
    refuse_in_production("demo")
    app = current_app
    chosen = usable_distribution(distribution) if distribution else None
    click.echo(f"Instance folder: {app.config['INSTANCE_PATH']}")
    click.echo(f"Database: {app.config['DATABASE_URL']}")
    accounts: tuple[DemoAccount, ...] = DEMO_ACCOUNTS
    with friendly_errors():
        upgrade(app)
        if chosen is not None:
            accounts = chosen.accounts
            if seed_named(chosen):
                click.echo(f"Distribution seeded: {chosen.name} ({chosen.title})")
        else:
            seeded = seed_demo(get_session())
            if seeded:
                click.echo(f"Demo data seeded for: {', '.join(seeded)}")
    enabled = ", ".join(app.extensions["pnyx.plugins"].plugins) or "none"
    click.echo(f"Plugins enabled: {enabled}")
    click.echo("Demo accounts:")
    for account in accounts:
        click.echo(f"  {account.email} / {account.password}  ({account.role or 'resident'})")
    click.echo(f"Open http://{host}:{port}/ (Ctrl+C to stop)")
    # The command's session ends before serving: once the instance was seeded, its reads
    # left a transaction open, on SQLite a BEGIN IMMEDIATE held while the server ran, and
    # every form of a restarted demo answered 503 (database is locked).
    end_session()
    run_server(host, port)
