"""``pnyx personal-data purge``: delete the expired "download my data" archives (run from cron)."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from pnyx.db import get_session
from pnyx.personal_data.export import purge_expired


@click.group("personal-data")
def personal_data() -> None:
    """People's data archives."""


@personal_data.command("purge")
@with_appcontext
def purge() -> None:
    """Delete expired data archives (files and records) and files no archive record knows."""
    session = get_session()
    removed = purge_expired(session)
    session.commit()
    click.echo(f"{removed} expired or unknown archive file(s) deleted.")
