"""``pnyx users``: create, list and revoke administrators from the server's console.

Passwords are never command-line arguments (they would stay in the shell's
history and in ``ps``): they come from ``PNYX_ADMIN_PASSWORD`` or a prompt.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

import click
from flask import Flask, current_app
from flask.cli import with_appcontext
from flask_babel import force_locale

from pnyx import migrate
from pnyx.administrators import (
    SetupError,
    create_or_promote_admin,
    find_by_email,
    revoke_admin,
    users_with_role,
)
from pnyx.cli.db import friendly_errors
from pnyx.db import get_session
from pnyx.models import OrganizationRole

PASSWORD_VARIABLE = "PNYX_ADMIN_PASSWORD"


def _app() -> Flask:
    return current_app._get_current_object()  # type: ignore[attr-defined]


@contextmanager
def console(*, migrated: bool = True) -> Iterator[None]:
    """English messages, a migrated database (unless ``migrated`` is false: a missing
    table is then a one-line database error), and one line for every refusal."""
    with friendly_errors(), force_locale("en"):
        behind = [
            name
            for name, head in migrate.heads(_app()).items()
            if migrated and migrate.current(_app()).get(name) != head
        ]
        if behind:
            raise click.ClickException(
                f"The database is not up to date ({', '.join(behind)}): run pnyx db upgrade first."
            )
        try:
            yield
        except SetupError as error:
            get_session().rollback()
            raise click.ClickException(str(error)) from error


def admin_password() -> str:
    """``PNYX_ADMIN_PASSWORD`` if set, else asked twice without echo."""
    password = os.environ.get(PASSWORD_VARIABLE)
    if password:
        return password
    return click.prompt("Password", hide_input=True, confirmation_prompt=True)


def add_admin(email: str, name: str | None) -> None:
    """Create or promote, then commit and say what happened (shared with ``pnyx init``)."""
    session = get_session()
    # An existing account keeps its password: only a new one is asked for.
    password = admin_password() if find_by_email(session, email) is None else None
    result = create_or_promote_admin(session, email, name=name, password=password)
    session.commit()
    user = result.user
    if result.created:
        click.echo(f"Created the administrator {user.email} ({user.name}).")
    elif result.promoted:
        click.echo(f"{user.email} is now an administrator.")
    else:
        click.echo(f"{user.email} was already an administrator.")


@click.group()
def users() -> None:
    """People's accounts: administrators."""


@users.command("create-admin")
@click.argument("email")
@click.option("--name", help="The person's name (new accounts; default: from the address).")
@with_appcontext
def create_admin(email: str, name: str | None) -> None:
    """Create an administrator, or make an existing account one.

    The password of a new account comes from PNYX_ADMIN_PASSWORD or a prompt;
    the account is created confirmed.
    """
    with console():
        add_admin(email, name)


@users.command("list")
@click.option(
    "--role",
    type=click.Choice([role.value for role in OrganizationRole]),
    help="Only the accounts holding this organization role.",
)
@with_appcontext
def list_users(role: str | None) -> None:
    """List accounts (e-mail, name, roles, state)."""
    with console():
        rows = users_with_role(get_session(), role)
    for user in rows:
        roles = ",".join(sorted(r.role for r in user.organization_roles)) or "-"
        state = "blocked" if user.blocked else "confirmed" if user.confirmed_at else "unconfirmed"
        click.echo(f"{user.email or '(managed)'}\t{user.name}\t{roles}\t{state}")
    if not rows:
        click.echo("No account.")


@users.command("revoke-admin")
@click.argument("email")
@with_appcontext
def revoke_admin_command(email: str) -> None:
    """Take the administrator role away (never from the last administrator)."""
    with console():
        session = get_session()
        revoked = revoke_admin(session, email)
        session.commit()
    if revoked:
        click.echo(f"{email} is no longer an administrator.")
    else:
        click.echo(f"{email} was not an administrator.")
