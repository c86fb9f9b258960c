"""``pnyx stats rebuild``: count every stored participation figure again (pnyx.counters)."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from pnyx.counters import rebuild as rebuild_counters
from pnyx.db import get_session
from pnyx.statistics.snapshot import refresh_organization_totals


@click.group()
def stats() -> None:
    """Stored participation figures shown on space pages."""


@stats.command("rebuild")
@with_appcontext
def rebuild() -> None:
    """Recount every component's figures and the organization's totals (after a bulk
    import or a restore)."""
    count = rebuild_counters(get_session())
    refresh_organization_totals()
    click.echo(f"Figures of {count} component(s) counted again.")
