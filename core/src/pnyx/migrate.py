"""Database migrations: one Alembic history per plugin (DESIGN.md §8).

The core ships one Alembic script directory (``pnyx/migrations``: ``env.py`` and
``script.py.mako``) that serves every *history*. A history is the core's
(``pnyx``) or one enabled plugin's; each has its own versions folder and its
own version table, so plugins are migrated, and removed, independently:

========== =========================================== ==========================
history    versions folder                             version table
========== =========================================== ==========================
``pnyx``   ``pnyx/migrations/versions/``               ``pnyx_alembic_version``
``NAME``   ``<plugin package>/migrations/versions/``   ``NAME_alembic_version``
========== =========================================== ==========================

Alembic is configured in code (no ``alembic.ini``); the app and the history
travel to ``env.py`` in ``Config.attributes``. Migrations never run at
start-up: ``pnyx db upgrade`` (or :func:`upgrade`) runs them. See
``docs/migrations.md``.
"""

from __future__ import annotations

import importlib
import importlib.util
import re
import subprocess
import sys
from argparse import Namespace
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.operations.ops import MigrationScript
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from flask import Flask
from sqlalchemy import Connection, MetaData, Table
from sqlalchemy.exc import DBAPIError

from pnyx.db import get_database
from pnyx.migrations.autogenerate import CORE, VERSION_TABLE_SUFFIX, migration_options, tidy_script
from pnyx.models import Model
from pnyx.plugin_system import PluginSystem, installed_entry_points

SCRIPT_LOCATION = Path(__file__).parent / "migrations"
APP_ATTRIBUTE = "pnyx.app"
HISTORY_ATTRIBUTE = "pnyx.history"


class MigrationError(Exception):
    """A migration request that cannot be done; the message says what to do instead."""


@attrs.frozen
class History:
    """One migration history: the core's (``pnyx``) or one plugin's."""

    #: ``pnyx`` for the core, else the plugin's name (its entry point's name).
    name: str
    #: The top-level import package whose models this history owns.
    package: str
    #: The folder holding this history's migration scripts.
    versions: Path

    @property
    def version_table(self) -> str:
        """Where the applied revision is recorded; prefixed like every table the owner names."""
        return f"{self.name}{VERSION_TABLE_SUFFIX}"

    @property
    def is_core(self) -> bool:
        return self.name == CORE

    def has_scripts(self) -> bool:
        return self.versions.is_dir() and any(
            path.name != "__init__.py" for path in self.versions.glob("*.py")
        )


# --- Histories ---------------------------------------------------------------


def _plugin_system(app: Flask) -> PluginSystem:
    return app.extensions["pnyx.plugins"]


def all_histories(app: Flask) -> list[History]:
    """The core's history, then every enabled plugin's in load order, scripts or not."""
    found = [History(name=CORE, package="pnyx", versions=SCRIPT_LOCATION / "versions")]
    for info in _plugin_system(app).plugins.values():
        versions = info.package_path / "migrations" / "versions"
        found.append(History(name=info.name, package=info.package_name, versions=versions))
    return found


def histories(app: Flask) -> list[History]:
    """The histories that have migration scripts, in the order :func:`upgrade` runs them."""
    return [history for history in all_histories(app) if history.has_scripts()]


def get_history(app: Flask, name: str) -> History:
    """The history named ``name`` (``pnyx`` or an enabled plugin), even without scripts."""
    known = {history.name: history for history in all_histories(app)}
    if name not in known:
        raise MigrationError(
            f"Unknown plugin '{name}': the migration histories are {', '.join(known)} "
            "(a plugin must be installed and listed in PNYX_PLUGINS)."
        )
    return known[name]


def context_options(app: Flask, history: History) -> dict[str, Any]:
    """The ``MigrationContext`` options of ``history`` (``env.py`` and :func:`schema_drift`)."""
    return migration_options(history, _plugin_system(app).plugins, installed_entry_points())


def alembic_config(app: Flask, history: History) -> Config:
    """An Alembic ``Config`` for ``history``: shared ``env.py``, its own versions folder."""
    # Quiet: the API reports nothing on stdout; ``pnyx db`` says what happened.
    config = Config(cmd_opts=Namespace(quiet=True))
    config.set_main_option("script_location", _escape(SCRIPT_LOCATION))
    config.set_main_option("version_locations", _escape(history.versions))
    config.set_main_option("path_separator", "os")
    # Files are named after their revision id: pnyx_0001_initial.py, budgets_0003_add_votes.py.
    config.set_main_option("file_template", "%%(rev)s_%%(slug)s")
    config.attributes[APP_ATTRIBUTE] = app
    config.attributes[HISTORY_ATTRIBUTE] = history
    return config


def _escape(path: Path) -> str:
    return str(path).replace("%", "%%")  # Config values go through ConfigParser interpolation


def import_models(history: History) -> None:
    """Import ``<package>.models`` if it exists, so autogenerate sees every table."""
    name = f"{history.package}.models"
    if importlib.util.find_spec(history.package) and importlib.util.find_spec(name):
        importlib.import_module(name)


#: What ``pnyx db upgrade`` adds when a table it creates already exists.
EXISTING_TABLES_HINT = (
    " The database holds tables that no migration history records: they were made outside "
    "`pnyx db upgrade` (by Model.metadata.create_all, or by a test run of an older test kit "
    "pointed at this database). Upgrade an empty database, or drop those tables first."
)


def _run(history: History, action: Callable[[], Any]) -> Any:
    try:
        return action()
    except CommandError as error:
        hint = " Run pnyx db upgrade first." if "not up to date" in str(error) else ""
        raise MigrationError(f"{history.name}: {error}{hint}") from error
    except DBAPIError as error:
        if "already exists" not in str(error.orig):
            raise
        first_line = str(error.orig).splitlines()[0]
        raise MigrationError(f"{history.name}: {first_line}.{EXISTING_TABLES_HINT}") from error


def upgrade(app: Flask, plugin: str | None = None, revision: str = "heads") -> None:
    """Apply migrations: the core's, then each enabled plugin's in load order.

    ``plugin`` limits the run to one history (``pnyx`` is the core); the
    histories it builds on (the core, the plugins it requires) must be up to
    date. A history without migration scripts is skipped.
    """
    if plugin is None and revision not in ("head", "heads"):
        raise MigrationError(f"Upgrading to '{revision}' needs a plugin name (--plugin).")
    targets = histories(app) if plugin is None else [get_history(app, plugin)]
    if plugin is not None:
        _check_requirements_applied(app, targets[0])
    for history in targets:
        if history.has_scripts():
            config = alembic_config(app, history)
            _run(history, lambda config=config: command.upgrade(config, revision))


def downgrade(app: Flask, plugin: str, revision: str = "base") -> None:
    """Revert one history (``pnyx`` for the core) to ``revision``; ``base`` removes its tables.

    A history goes to ``base`` only once the histories built on it (every
    plugin for the core; the plugins that require a plugin) are at base.
    """
    history = get_history(app, plugin)
    if _goes_to_base(app, history, revision):
        _check_dependents_removed(app, history)
    if history.has_scripts():
        config = alembic_config(app, history)
        _run(history, lambda: command.downgrade(config, revision))
    with get_database(app).engine.begin() as connection:
        if not _applied(connection, history):
            # Back at base nothing of the history is left, its version table included.
            Table(history.version_table, MetaData()).drop(connection, checkfirst=True)


def _goes_to_base(app: Flask, history: History, revision: str) -> bool:
    """Whether downgrading to ``revision`` (``base``, ``-N`` or an id) removes everything."""
    steps_back = re.fullmatch(r"-(\d+)", revision)
    if revision != "base" and not steps_back:
        return False
    applied = current(app).get(history.name)
    if revision == "base" or applied is None:
        return True
    script = ScriptDirectory.from_config(alembic_config(app, history))
    depth = len(list(script.iterate_revisions(tuple(applied.split(",")), "base")))
    return int(steps_back.group(1)) >= depth


def _requirements(app: Flask, history: History) -> list[str]:
    """The histories whose tables ``history``'s tables may point to."""
    if history.is_core:
        return []
    return [CORE, *_plugin_system(app).plugins[history.name].requires]


def _check_requirements_applied(app: Flask, history: History) -> None:
    applied, newest = current(app), heads(app)
    behind = [
        name
        for name in _requirements(app, history)
        if name in newest and applied.get(name) != newest[name]
    ]
    if behind:
        raise MigrationError(
            f"Upgrade {', '.join(behind)} before '{history.name}', whose tables point to "
            "theirs: run pnyx db upgrade (without --plugin) to upgrade everything in order."
        )


def _check_dependents_removed(app: Flask, history: History) -> None:
    applied = current(app)
    dependents = [
        other.name
        for other in histories(app)
        if history.name in _requirements(app, other) and applied.get(other.name)
    ]
    if dependents:
        whose = "their" if len(dependents) > 1 else "its"
        raise MigrationError(
            f"Downgrade {', '.join(dependents)} to base first: {whose} tables point to "
            f"those of '{history.name}'."
        )


def downgrade_all(app: Flask) -> None:
    """Remove every table: plugins in reverse load order, then the core."""
    for history in reversed(histories(app)):
        downgrade(app, history.name, "base")


def revision(app: Flask, plugin: str, message: str, autogenerate: bool = True) -> str:
    """Write a new migration script for ``plugin`` (``pnyx`` for the core); return its path.

    With ``autogenerate`` the script holds the difference between the database
    (which must be up to date) and the models of that history only; raises
    :class:`MigrationError` when there is none. The id is ``<history>_<NNNN>``
    and the file ``<id>_<slug>.py``.
    """
    history = get_history(app, plugin)
    import_models(history)
    history.versions.mkdir(parents=True, exist_ok=True)
    config = alembic_config(app, history)
    empty = False

    def process(_context: Any, _revision: Any, directives: list[MigrationScript]) -> None:
        nonlocal empty
        if autogenerate and directives[0].upgrade_ops.is_empty():
            empty = True
            directives[:] = []
        else:
            tidy_script(directives[0])

    script = _run(
        history,
        lambda: command.revision(
            config,
            message=message,
            autogenerate=autogenerate,
            rev_id=_next_revision_id(config, history),
            process_revision_directives=process,
        ),
    )
    if empty or script is None:
        raise MigrationError(
            f"No changes in the models of '{history.name}' since its last migration "
            "(use an empty migration for data changes)."
        )
    _format(Path(script.path))
    return str(script.path)


def _format(path: Path) -> None:
    """Format a new script with ruff when it is installed (development), as the code is."""
    if importlib.util.find_spec("ruff") is not None:
        subprocess.run([sys.executable, "-m", "ruff", "format", "--quiet", str(path)], check=False)


def _next_revision_id(config: Config, history: History) -> str:
    pattern = re.compile(rf"{re.escape(history.name)}_(\d+)")
    numbers = [0]
    for script in ScriptDirectory.from_config(config).walk_revisions():
        match = pattern.fullmatch(script.revision)
        numbers.append(int(match.group(1)) if match else 0)
    return f"{history.name}_{max(numbers) + 1:04d}"


def current(app: Flask) -> dict[str, str | None]:
    """The revision each history's database is at (``None``: not applied)."""
    with get_database(app).engine.connect() as connection:
        return {history.name: _applied(connection, history) for history in histories(app)}


def _applied(connection: Connection, history: History) -> str | None:
    opts = {"version_table": history.version_table}
    heads = MigrationContext.configure(connection, opts=opts).get_current_heads()
    return ",".join(heads) or None


def heads(app: Flask) -> dict[str, str | None]:
    """The newest revision of each history's scripts."""
    return {
        history.name: ",".join(
            ScriptDirectory.from_config(alembic_config(app, history)).get_heads()
        )
        or None
        for history in histories(app)
    }


def schema_drift(app: Flask, plugin: str | None = None) -> list[Any]:
    """The differences between the database and the models of one history (empty: none).

    Each item is an Alembic autogenerate diff, e.g. ``("add_table", Table(...))``.
    """
    history = get_history(app, plugin or CORE)
    import_models(history)
    with get_database(app).engine.connect() as connection:
        context = MigrationContext.configure(connection, opts=context_options(app, history))
        return compare_metadata(context, Model.metadata)
