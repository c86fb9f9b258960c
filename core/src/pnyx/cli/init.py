"""``pnyx init``: a new city's organization and first administrator, once.

Interactive (each missing option is asked for) or not (every option given,
the password in ``PNYX_ADMIN_PASSWORD``). Refused, in one line, once an
organization with an administrator exists: ``pnyx users create-admin`` adds
more.
"""

from __future__ import annotations

from zoneinfo import available_timezones

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import select

from pnyx.administrators import SetupError, administrators, create_organization
from pnyx.cli.users import add_admin, console
from pnyx.db import get_session
from pnyx.models import Organization


def _locales() -> list[str]:
    return list(current_app.config["LOCALES"])


def check_choices(default_locale: str, locales: list[str], time_zone: str) -> None:
    known = _locales()
    unknown = [code for code in [default_locale, *locales] if code not in known]
    if unknown:
        raise SetupError(f"Unknown language {unknown[0]!r}: choose among {', '.join(known)}.")
    if time_zone not in available_timezones():
        raise SetupError(f"Unknown time zone {time_zone!r}: use a name like Europe/Paris.")


def ask(value: str | None, question: str, default: str | None = None) -> str:
    """An option's value, asked for when it was not given."""
    if value is not None:
        return value
    return click.prompt(question, default=default, show_default=default is not None)


def refuse_if_set_up() -> None:
    session = get_session()
    if session.scalar(select(Organization.id).limit(1)) is not None and administrators(session):
        raise SetupError(
            "This instance is already set up (an organization with an administrator exists): "
            "use pnyx users create-admin to add an administrator."
        )


@click.command()
@click.option("--name", help="Name of the organization, in its main language.")
@click.option("--default-locale", help="Main language (default: fr).")
@click.option("--locales", help="Languages of the site, comma-separated (default: fr,en).")
@click.option("--time-zone", help="IANA time zone (default: Europe/Paris).")
@click.option("--admin-email", help="E-mail address of the first administrator.")
@click.option("--admin-name", help="Name of the first administrator.")
@with_appcontext
def init(
    name: str | None,
    default_locale: str | None,
    locales: str | None,
    time_zone: str | None,
    admin_email: str | None,
    admin_name: str | None,
) -> None:
    """Create the organization and its first administrator (once).

    Missing options are asked for; the administrator's password comes from
    PNYX_ADMIN_PASSWORD or a prompt.
    """
    with console():
        # Before any question: a second run must not make the operator type everything.
        refuse_if_set_up()
        name = ask(name, "Name of the organization (e.g. Ville d'Angers)").strip()
        default_locale = ask(default_locale, "Main language", "fr")
        locales = ask(locales, "Languages of the site, comma-separated", "fr,en")
        time_zone = ask(time_zone, "Time zone", "Europe/Paris")
        admin_email = ask(admin_email, "E-mail address of the first administrator")
        admin_name = ask(admin_name, "Name of the first administrator")
        chosen = [code.strip() for code in locales.split(",") if code.strip()]
        check_choices(default_locale, chosen, time_zone)
        if not name:
            raise SetupError("Give the organization a name.")
        session = get_session()
        create_organization(
            session, name=name, default_locale=default_locale, locales=chosen, time_zone=time_zone
        )
        add_admin(admin_email, admin_name)
        click.echo(f"The organization {name!r} is ready. Start the server and sign in at /admin.")
