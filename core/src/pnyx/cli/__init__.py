"""The ``pnyx`` command line: a Flask CLI group that plugins extend.

``main`` builds the app first, so that a misconfiguration (a plugin enabled
but not installed, a missing secret in production...) prints one line instead
of a traceback, and so that enabled plugins can add their command groups
through the ``register_commands`` hook.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

import click
from flask import Flask
from flask.cli import FlaskGroup

from pnyx.app import create_app
from pnyx.cli.db import db
from pnyx.cli.demo import demo, seed
from pnyx.cli.imports import export_group, import_command
from pnyx.cli.init import init
from pnyx.cli.plugins import plugins
from pnyx.cli.purge import purge
from pnyx.cli.serve import serve
from pnyx.cli.stats import stats
from pnyx.cli.steps import steps
from pnyx.cli.users import users
from pnyx.cli.worker import worker
from pnyx.errors import StartupError
from pnyx.notifications.cli import notifications
from pnyx.open_data.generation import open_data_cli
from pnyx.personal_data.cli import personal_data

CORE_COMMANDS = (
    init,
    users,
    import_command,
    export_group,
    plugins,
    serve,
    steps,
    stats,
    seed,
    demo,
    personal_data,
    purge,
    worker,
    notifications,
    open_data_cli,
)


def make_cli(app: Flask) -> click.Group:
    """The ``pnyx`` group for ``app``: core commands, then each plugin's."""
    group = FlaskGroup(
        name="pnyx",
        create_app=lambda: app,
        add_default_commands=False,
        add_version_option=False,
        load_dotenv=False,
        help="Pnyx: participatory-democracy platform.",
    )
    for command in (db, *CORE_COMMANDS):
        group.add_command(command)
    app.extensions["pnyx.plugins"].pm.hook.register_commands(cli=group)
    return group


def distribution_argument(args: Sequence[str]) -> str | None:
    """The value of ``--distribution NAME`` (or ``--distribution=NAME``) in ``args``."""
    for position, arg in enumerate(args):
        if arg == "--distribution" and position + 1 < len(args):
            return args[position + 1]
        if arg.startswith("--distribution="):
            return arg.split("=", 1)[1]
    return None


def main(argv: Sequence[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    distribution = distribution_argument(args)
    if distribution and args[:1] in (["demo"], ["seed"]):
        # The app is built before the command runs: it runs as the city (its plugins when
        # PNYX_PLUGINS is unset, its theme) as PNYX_DISTRIBUTION would make it.
        os.environ.setdefault("PNYX_DISTRIBUTION", distribution)
    elif args[:1] == ["demo"]:
        # The demo shows everything: every installed plugin unless told otherwise.
        os.environ.setdefault("PNYX_PLUGINS", "*")
    try:
        app = create_app()
    except StartupError as error:
        click.echo(f"pnyx: {error}", err=True)
        sys.exit(1)
    make_cli(app).main(args=args, prog_name="pnyx")
