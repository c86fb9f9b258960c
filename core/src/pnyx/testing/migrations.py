"""The contract's migration check: up, no drift, down to base, up again, on a fresh database.

It also checks what the plugin's migrations *do*, not only that they run: the
schema is read before and after the plugin's own history is applied (the core
and the plugins it builds on already up to date). Every new table must carry
the plugin's prefix, no table of the core or of another plugin may change (a
column added to ``users``, a table created as ``audit_entries``), and the
downgrade to base must give back exactly the schema from before.

Runs on its own empty database (a new SQLite file, or a new PostgreSQL
schema), never on the test session's ``create_all`` one, through
:mod:`pnyx.migrate`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from pathlib import Path
from types import ModuleType
from typing import Any

from flask import Flask
from sqlalchemy import inspect

from pnyx.app import create_app
from pnyx.db import get_database
from pnyx.testing.database import fresh_database
from pnyx.testing.declarations import ContractError, PluginDeclarations, fail_with


def migrate_module() -> ModuleType | None:
    try:
        return importlib.import_module("pnyx.migrate")
    except ImportError:
        return None


def nothing_to_migrate(decl: PluginDeclarations) -> str | None:
    """Why the migration check does not apply to ``decl``'s plugin, or ``None``."""
    if migrate_module() is None:
        return "pnyx.migrate is not available in this version of the core"
    if not decl.tables() and not decl.migrations_path.is_dir():
        return f"plugin '{decl.plugin}' has no tables and no migrations"
    return None


def check_migrations(
    decl: PluginDeclarations, app_config: Mapping[str, Any], base_url: str, folder: Path
) -> None:
    """Upgrade the core and plugins on an empty database, then check the plugin's
    schema matches its models, downgrades to base (its tables gone) and upgrades again.

    ``app_config`` is the configuration of the app under test (its
    ``DATABASE_URL`` is replaced); ``base_url`` says which kind of database to
    create; ``folder`` holds a SQLite file.
    """
    __tracebackhide__ = True
    migrate = migrate_module()
    if migrate is None:
        raise ContractError("pnyx.migrate is not available in this version of the core")
    tables = {table.name for table in decl.tables()}
    if tables and not (decl.migrations_path / "versions").is_dir():
        fail_with(
            decl.plugin,
            "migrations go up and down",
            [
                f"it defines tables ({', '.join(sorted(tables))}) but ships no "
                f"migrations/versions/ folder in {decl.package_path}"
            ],
        )
    with fresh_database(base_url, folder) as url:
        app = create_app({**app_config, "DATABASE_URL": url})
        try:
            with app.app_context():
                _cycle(app, migrate, decl, tables)
        finally:
            get_database(app).engine.dispose()


def _cycle(app: Flask, migrate: ModuleType, decl: PluginDeclarations, tables: set[str]) -> None:
    """Up (its changes checked), down to base (the schema from before), up again with every
    other enabled plugin, no drift."""
    __tracebackhide__ = True
    plugin = decl.plugin
    _step(
        decl, "upgrade of what the plugin builds on", lambda: _upgrade_before(app, migrate, plugin)
    )
    before = schema_of(app)
    _step(decl, "upgrade of the plugin", lambda: migrate.upgrade(app, plugin=plugin))
    fail_with(plugin, "migrations touch only the plugin's tables", _changes(decl, before, app))
    _expect_schema(app, migrate, decl, tables, "after the upgrade")
    _step(decl, "downgrade to base", lambda: migrate.downgrade(app, plugin, revision="base"))
    left = tables & _existing_tables(app)
    problems = (
        [f"tables left after the downgrade to base: {', '.join(sorted(left))}"] if left else []
    )
    ignored = {f"{plugin}_alembic_version"}
    after = {name: table for name, table in schema_of(app).items() if name not in ignored}
    problems += [
        f"the downgrade to base leaves the schema changed: {difference}"
        for difference in differences(before, after)
        if not left
    ]
    fail_with(plugin, "migrations go up and down", problems)
    _step(decl, "upgrade after the downgrade", lambda: migrate.upgrade(app))
    _expect_schema(app, migrate, decl, tables, "after downgrading and upgrading again")


def _upgrade_before(app: Flask, migrate: ModuleType, plugin: str) -> None:
    """The histories loaded before the plugin's: the core, the plugins it requires."""
    for history in migrate.histories(app):
        if history.name == plugin:
            return
        migrate.upgrade(app, plugin=history.name)


Schema = dict[str, dict[str, Any]]


def schema_of(app: Flask) -> Schema:
    """Every table: its columns (type, nullability), indexes and unique constraints."""
    inspector = inspect(get_database(app).engine)
    found: Schema = {}
    for table in inspector.get_table_names():
        found[table] = {
            "columns": {
                column["name"]: (str(column["type"]), column["nullable"])
                for column in inspector.get_columns(table)
            },
            "indexes": sorted(str(index["name"]) for index in inspector.get_indexes(table)),
            "unique": sorted(str(u["name"]) for u in inspector.get_unique_constraints(table)),
        }
    return found


def differences(before: Schema, after: Schema) -> list[str]:
    """What changed between two schemas, in words."""
    found = [f"table '{name}' added" for name in sorted(after.keys() - before.keys())]
    found += [f"table '{name}' dropped" for name in sorted(before.keys() - after.keys())]
    for name in sorted(before.keys() & after.keys()):
        old, new = before[name], after[name]
        for column in sorted(new["columns"].keys() - old["columns"].keys()):
            found.append(f"column '{name}.{column}' added")
        for column in sorted(old["columns"].keys() - new["columns"].keys()):
            found.append(f"column '{name}.{column}' dropped")
        for column in sorted(old["columns"].keys() & new["columns"].keys()):
            if old["columns"][column] != new["columns"][column]:
                found.append(f"column '{name}.{column}' changed")
        for kind in ("indexes", "unique"):
            if old[kind] != new[kind]:
                found.append(f"{kind} of table '{name}' changed")
    return found


def _changes(decl: PluginDeclarations, before: Schema, app: Flask) -> list[str]:
    """What the plugin's own migrations did outside its own tables."""
    plugin = decl.plugin
    after = schema_of(app)
    problems = [
        f"its migrations create table '{name}' without its prefix: name it '{plugin}_{name}'"
        for name in sorted(after.keys() - before.keys())
        if not name.startswith(f"{plugin}_")
    ]
    shared = {name: before[name] for name in before}
    touched = {name: after[name] for name in after if name in before}
    problems += [
        f"its migrations change a table that is not its own: {difference} (a plugin keeps "
        "its data in its own tables, linked to the core's by foreign keys)"
        for difference in differences(shared, touched)
    ]
    return problems


def _step(decl: PluginDeclarations, what: str, run: Callable[[], Any]) -> None:
    try:
        run()
    except Exception as error:
        raise ContractError(
            f"Plugin '{decl.plugin}' breaks the contract (migrations go up and down): the "
            f"{what} failed: {type(error).__name__}: {error}"
        ) from error


def _expect_schema(
    app: Flask, migrate: ModuleType, decl: PluginDeclarations, tables: set[str], when: str
) -> None:
    __tracebackhide__ = True
    problems = []
    missing = tables - _existing_tables(app)
    if missing:
        problems.append(f"tables missing {when}: {', '.join(sorted(missing))}")
    drift = _step_result(decl, "drift check", lambda: migrate.schema_drift(app, decl.plugin))
    if drift:
        listed = "; ".join(str(item) for item in drift)
        problems.append(
            f"the migrated schema differs from the models {when}: {listed} (write a "
            "migration for these changes)"
        )
    fail_with(decl.plugin, "migrations go up and down", problems)


def _step_result(decl: PluginDeclarations, what: str, run: Callable[[], Any]) -> Any:
    result: list[Any] = []
    _step(decl, what, lambda: result.append(run()))
    return result[0]


def _existing_tables(app: Flask) -> set[str]:
    return set(inspect(get_database(app).engine).get_table_names())
