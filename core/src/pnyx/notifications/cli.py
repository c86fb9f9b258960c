"""``pnyx notifications send-digests``: run by cron (docs/notifications.md)."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from pnyx.notifications.delivery import send_digests
from pnyx.notifications.models import DAILY, WEEKLY


@click.group("notifications", help="Notifications: e-mail digests.")
def notifications() -> None:
    pass


@notifications.command("send-digests")
@click.option(
    "--frequency",
    type=click.Choice([DAILY, WEEKLY]),
    default=DAILY,
    show_default=True,
    help="Which digests: cron runs daily ones every day and weekly ones once a week.",
)
@with_appcontext
def send_digests_command(frequency: str) -> None:
    """Enqueue the digests of everyone who has notifications waiting (batches of 500)."""
    jobs = send_digests(frequency)
    click.echo(f"{frequency} digests: {jobs} batch job(s) enqueued")


@notifications.command("mark-bounced")
@click.argument("email")
@with_appcontext
def mark_bounced(email: str) -> None:
    """Record that EMAIL bounced: no newsletter is sent to it any more."""
    from sqlalchemy import func, select

    from pnyx.db import get_session
    from pnyx.models import User, utcnow
    from pnyx.notifications.preferences_store import preference_of

    session = get_session()
    user = session.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))
    if user is None:
        raise click.ClickException(f"no account has the address {email}")
    preference_of(session, user).bounced_at = utcnow()
    session.commit()
    click.echo(f"{email}: marked as bounced; newsletters skip it")
