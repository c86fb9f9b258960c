"""``pnyx purge``: delete what the platform keeps for a limited time (run daily from cron).

Each expiring record was cleared only by a later request of the same kind (a token by the next
form sent, a held file by the same person's next upload): a quiet site kept them. One command
runs every purge, so a city's cron has one line and a new kind of expiring record is added
here, not to every city's crontab (docs/deployment.md, "Cron").
"""

from __future__ import annotations

from collections.abc import Callable

import click
from flask.cli import with_appcontext
from sqlalchemy.orm import Session

from pnyx import submissions
from pnyx.attachments.private import forget_stale
from pnyx.db import get_session
from pnyx.personal_data.export import purge_expired as purge_archives


def _held_files(session: Session) -> int:
    return forget_stale()  # everyone's, in the current session


#: What each purge deletes (for the output, read by people and logs) and how.
PURGES: tuple[tuple[str, Callable[[Session], int]], ...] = (
    ("expired or unknown personal-data archive file(s)", purge_archives),
    ("form submission token(s) older than a day", submissions.purge_expired),
    ("uploaded file(s) held for a form never sent", _held_files),
)


@click.command("purge")
@with_appcontext
def purge() -> None:
    """Delete expired data archives, old form tokens and held files nobody claimed."""
    session = get_session()
    for label, run in PURGES:
        removed = run(session)
        session.commit()  # each purge stands on its own: a later failure keeps it
        click.echo(f"{removed} {label} deleted.")
