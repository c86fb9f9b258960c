"""The plugin contract suite (DESIGN.md §10). A plugin runs it in one line::

    from pnyx.testing.contract import PluginContract

    class TestHelloContract(PluginContract):
        plugin = "hello"

Each test method checks one rule and fails with the list of every problem it
found and what to do. The checks are plain functions in
:mod:`pnyx.testing.checks`, :mod:`pnyx.testing.routes` and
:mod:`pnyx.testing.migrations`, for use outside this class.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy.orm import Session

from pnyx.app import build_app
from pnyx.errors import StartupError
from pnyx.testing import checks, fuzz, migrations, routes
from pnyx.testing.declarations import (
    ContractError,
    PluginDeclarations,
    declarations_of,
    required_plugins,
)
from pnyx.testing.plugin import ROUTE_REPORTS

__all__ = ["ContractError", "PluginContract"]


class PluginContract:
    """Base class of a plugin's contract tests: set ``plugin`` in a ``Test...`` subclass."""

    #: The plugin under test (its entry-point name).
    plugin: str = ""
    #: Other plugins to enable with it; its ``requires`` are enabled without being listed.
    also_enable: tuple[str, ...] = ()

    @pytest.fixture
    def pnyx_plugins(self) -> list[str]:
        if not self.plugin:
            raise ContractError(f'{type(self).__name__} must set `plugin = "<name>"`')
        names = [*self.also_enable, self.plugin]
        return list(dict.fromkeys(n for name in names for n in required_plugins(name)))

    @pytest.fixture
    def plugin_declarations(self, pnyx_plugins: list[str]) -> PluginDeclarations:
        return declarations_of(self.plugin)

    def test_names_are_prefixed(
        self, plugin_declarations: PluginDeclarations, request: pytest.FixtureRequest
    ) -> None:
        """Component types, actions, space types, authorization handlers, blueprints and
        their endpoints, tables, templates and CLI groups start with the plugin's name."""
        checks.check_names_prefixed(plugin_declarations)
        try:
            app: Flask = request.getfixturevalue("app")
        except StartupError as error:
            raise ContractError(f"The app does not start: {error}") from error
        checks.check_names_prefixed(plugin_declarations, app)

    def test_settings_defaults_load(self, plugin_declarations: PluginDeclarations) -> None:
        """Every settings schema loads ``{}``: a new component starts with valid settings."""
        checks.check_settings_defaults(plugin_declarations)

    def test_templates_compile(self, app: Flask, plugin_declarations: PluginDeclarations) -> None:
        """Every file of the plugin's ``templates/`` folder compiles."""
        checks.check_templates_compile(app, plugin_declarations)

    def test_views_declare_actions(
        self,
        plugin_declarations: PluginDeclarations,
        pnyx_plugins: list[str],
        request: pytest.FixtureRequest,
        tmp_path: Path,
    ) -> None:
        """Every view declares a registered action with ``@api.requires``: else the app
        refuses to start; this lists every such view, each with its fix."""
        try:
            app: Flask = request.getfixturevalue("app")
        except StartupError:
            config = {"PLUGINS": pnyx_plugins, "INSTANCE_PATH": str(tmp_path / "unchecked")}
            app = build_app({**config, "DATABASE_URL": "sqlite://", "SECRET_KEY": "contract"})
        checks.check_views_declare_actions(app, plugin_declarations)

    def test_migrations_up_and_down(
        self,
        app: Flask,
        plugin_declarations: PluginDeclarations,
        database_url: str,
        pnyx_config: dict[str, Any],
        tmp_path: Path,
    ) -> None:
        """On a fresh database: upgrade, no drift, downgrade to base, upgrade again."""
        reason = migrations.nothing_to_migrate(plugin_declarations)
        if reason:
            pytest.skip(reason)
        config = {
            key: app.config[key] for key in ("PLUGINS", "SECRET_KEY", "TESTING", "INSTANCE_PATH")
        }
        config.update(pnyx_config)
        migrations.check_migrations(plugin_declarations, config, database_url, tmp_path / "fresh")

    def test_demo_data_seeds(
        self, session: Session, plugin_declarations: PluginDeclarations
    ) -> None:
        """Each component type's and space type's ``seed`` runs and adds rows to the plugin's
        tables."""
        declared = (*plugin_declarations.component_types, *plugin_declarations.space_types)
        if not any(manifest.seed for manifest in declared):
            pytest.skip(f"plugin '{self.plugin}' has no seed function")
        routes.check_seed(session, plugin_declarations)

    def test_routes_answer(
        self,
        app: Flask,
        session: Session,
        plugin_declarations: PluginDeclarations,
        request: pytest.FixtureRequest,
    ) -> None:
        """Every GET route answers below 500, anonymously and for an organization admin."""
        components = routes.seed_plugin(session, plugin_declarations)
        report = routes.check_routes(app, session, plugin_declarations, components)
        print(report.summary())
        request.config.stash.get(ROUTE_REPORTS, []).append(report.summary())

    def test_routes_survive_hostile_input(
        self,
        app: Flask,
        session: Session,
        plugin_declarations: PluginDeclarations,
        request: pytest.FixtureRequest,
    ) -> None:
        """Every GET route and every form of the plugin's pages, fed out-of-range integers,
        Unicode digits, NaN, NUL and control characters, never answers a 5xx."""
        components = routes.seed_plugin(session, plugin_declarations)
        report = fuzz.fuzz_routes(app, session, plugin_declarations, components)
        print(report.summary())
        request.config.stash.get(ROUTE_REPORTS, []).append(report.summary())
