"""``pnyx mutual-aid expire``: the daily command that closes posts past their date.

Lists already leave out posts past their date; the command records it
(status ``expired``), so statistics and the authors' pages say so. Cron line::

    15 3 * * *  pnyx mutual-aid expire
"""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from pnyx import api
from pnyx_mutual_aid import lifecycle


@click.group("mutual-aid")
def mutual_aid_group() -> None:
    """Mutual-aid boards."""


@mutual_aid_group.command("expire")
@with_appcontext
def expire() -> None:
    """Mark the open posts past their expiry date expired (run it daily)."""
    session = api.db_session()
    count = lifecycle.expire_due(session)
    session.commit()
    click.echo(f"{count} post(s) expired.")
