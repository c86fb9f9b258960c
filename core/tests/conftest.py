"""Helpers for the core's own tests."""

from __future__ import annotations

import importlib
import importlib.metadata as metadata
import itertools
import os
import shutil
import sys
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask
from sqlalchemy.pool import NullPool

from pnyx import create_app, migrate
from pnyx.cli.db import db
from pnyx.db import get_database
from pnyx.testing.database import schema_url

HERE = Path(__file__).parent


@pytest.fixture
def fake_plugins(monkeypatch: pytest.MonkeyPatch) -> Callable[..., None]:
    """Install in-test plugins: ``fake_plugins(name="module", ...)``.

    Replaces the entry-point scan, so only the given plugins look installed.
    Modules are top-level modules of ``folder`` (each its own package, as a
    real plugin is).
    """

    def install(folder: str = "startup_plugins", **modules: str) -> None:
        monkeypatch.syspath_prepend(str(HERE / folder))
        entry_points = {
            name: metadata.EntryPoint(name=name, value=value, group="pnyx.plugins")
            for name, value in modules.items()
        }
        monkeypatch.setattr("pnyx.plugin_system.installed_entry_points", lambda: entry_points)
        for value in modules.values():
            sys.modules.pop(value, None)

    return install


@pytest.fixture
def notifydemo(monkeypatch: pytest.MonkeyPatch) -> None:
    """Install the in-test plugin ``notifydemo`` (``notification_plugin/``): notification kinds
    and a resource type for the notification tests (enable it with the marker)."""
    from pnyx.testing import install_plugins

    folder = HERE / "notification_plugin"
    install_plugins(monkeypatch, {"notifydemo": "pnyx_notifydemo.plugin"}, path=folder)


@pytest.fixture
def follow_token() -> Callable[[str], str]:
    """``follow_token(html)``: the signed target of the first follow button of a page."""
    import re

    def read(html: str) -> str:
        found = re.search(r'name="target" value="([^"]+)"', html)
        assert found, "the page has no follow button"
        return found.group(1)

    return read


# --- Migration tests (test_migrations*.py): empty databases, apps on them, a demo plugin ---

POSTGRESQL_URL = os.environ.get("PNYX_TEST_DATABASE_URL")
MIGRATION_PLUGIN_FOLDER = HERE / "migration_plugin"
#: The in-test plugin with one table and one migration (``migration_plugin/``).
MIGRATION_PLUGIN = "migdemo"


@pytest.fixture(params=["sqlite", *(["postgresql"] if POSTGRESQL_URL else [])])
def new_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Callable[[], str]]:
    """A factory of empty databases: SQLite files, and PostgreSQL schemas when configured."""
    numbers = itertools.count()
    schemas: list[str] = []
    on_postgresql = request.param == "postgresql"
    admin = sa.create_engine(POSTGRESQL_URL, poolclass=NullPool) if on_postgresql else None

    def new() -> str:
        if admin is None:
            return f"sqlite:///{tmp_path / f'db{next(numbers)}.sqlite3'}"
        schema = f"test_migrations_{uuid.uuid4().hex[:12]}"
        with admin.begin() as connection:
            connection.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
        schemas.append(schema)
        return schema_url(admin.url.render_as_string(hide_password=False), schema)

    yield new
    if admin is not None:
        with admin.begin() as connection:
            for schema in schemas:
                connection.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def make_app(new_database: Callable[[], str], tmp_path: Path) -> Iterator[Callable[..., Flask]]:
    """``make_app(plugins="")``: an app on a new empty database, its engine closed afterwards."""
    apps: list[Flask] = []

    def make(plugins: str = "") -> Flask:
        app = create_app(
            {"DATABASE_URL": new_database(), "INSTANCE_PATH": str(tmp_path), "PLUGINS": plugins}
        )
        app.cli.add_command(db)
        apps.append(app)
        return app

    yield make
    for app in apps:
        get_database(app).engine.dispose()


@pytest.fixture
def demo_plugin(
    fake_plugins: Callable[..., None], monkeypatch: pytest.MonkeyPatch
) -> Callable[..., Path]:
    """Install the in-test plugin ``migdemo`` (one table, one migration).

    ``demo_plugin(copy_to=folder, with_scripts=False)`` moves the plugin's package
    folder to a copy in ``folder``, so a test may write migrations into it.
    """

    def install(copy_to: Path | None = None, with_scripts: bool = True) -> Path:
        fake_plugins(folder="migration_plugin", **{MIGRATION_PLUGIN: "pnyx_migdemo.plugin"})
        package = importlib.import_module("pnyx_migdemo")
        source = folder = MIGRATION_PLUGIN_FOLDER / "pnyx_migdemo"
        if copy_to is not None:
            folder = copy_to / "pnyx_migdemo"
            shutil.copytree(source, folder, ignore=shutil.ignore_patterns("__pycache__"))
            if not with_scripts:
                for script in (folder / "migrations" / "versions").glob("*.py"):
                    script.unlink()
        # The plugin's folder (templates, migrations) is found from its package's file.
        monkeypatch.setattr(package, "__file__", str(folder / "__init__.py"))
        return folder

    return install


@pytest.fixture
def core_scripts_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the core's history at a copy of its scripts, for tests that call ``revision``:
    should the models ever differ from the scripts, nothing is written into the sources."""
    copy = tmp_path / "core_migrations"
    shutil.copytree(
        migrate.SCRIPT_LOCATION, copy, ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
    )
    monkeypatch.setattr(migrate, "SCRIPT_LOCATION", copy)
    return copy
