"""What a plugin declares, read from its hooks without building an app.

The contract suite needs this to report *every* unprefixed name at once: the
app factory stops at the first one.
"""

from __future__ import annotations

import importlib.metadata as metadata
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from types import ModuleType
from typing import Any

import attrs
import click
import pluggy
from flask import Flask
from sqlalchemy import Table

from pnyx import hookspecs, plugin_system
from pnyx.manifests import AuthorizationHandler, ComponentType, SpaceType
from pnyx.models import Model
from pnyx.registry import CORE


class ContractError(AssertionError):
    """A plugin breaks the plugin contract; the message lists every problem found."""


def fail_with(plugin: str, rule: str, problems: Iterable[str]) -> None:
    """Raise :class:`ContractError` listing ``problems``, if there are any."""
    __tracebackhide__ = True
    problems = list(problems)
    if problems:
        listed = "\n".join(f"  - {problem}" for problem in problems)
        raise ContractError(f"Plugin '{plugin}' breaks the contract ({rule}):\n{listed}")


@attrs.frozen
class PluginDeclarations:
    """Everything one plugin declares through its setup hooks, plus its files and tables."""

    plugin: str
    module: ModuleType
    component_types: tuple[ComponentType, ...]
    space_types: tuple[SpaceType, ...]
    authorization_handlers: tuple[AuthorizationHandler, ...]
    #: Global blueprints (``register_blueprints``).
    blueprints: tuple[Any, ...]
    #: Names of the commands it adds to the ``pnyx`` CLI.
    commands: tuple[str, ...]

    @property
    def package_name(self) -> str:
        return self.module.__name__.split(".")[0]

    @property
    def package_path(self) -> Path:
        """The plugin's top-level package folder (``templates/``, ``migrations/``...)."""
        return Path(sys.modules[self.package_name].__file__ or "").parent

    @property
    def templates_path(self) -> Path:
        return self.package_path / "templates"

    @property
    def migrations_path(self) -> Path:
        return self.package_path / "migrations"

    @property
    def all_blueprints(self) -> list[Any]:
        """Component blueprints (public and admin) and global ones."""
        found = [
            blueprint
            for component_type in self.component_types
            for blueprint in (component_type.public_blueprint, component_type.admin_blueprint)
            if blueprint is not None
        ]
        return found + list(self.blueprints)

    @property
    def has_public_blueprint(self) -> bool:
        return any(ct.public_blueprint is not None for ct in self.component_types)

    def tables(self) -> list[Table]:
        """The tables of the plugin's models, and plain ``Table`` objects of its modules."""
        package = self.package_name
        found = {
            mapper.local_table.name: mapper.local_table
            for mapper in Model.registry.mappers
            if mapper.class_.__module__.split(".")[0] == package
            and isinstance(mapper.local_table, Table)
        }
        for name, module in list(sys.modules.items()):
            if module is not None and (name == package or name.startswith(f"{package}.")):
                for value in vars(module).values():
                    if isinstance(value, Table) and value.metadata is Model.metadata:
                        found.setdefault(value.name, value)
        return [found[name] for name in sorted(found)]

    def template_names(self) -> list[str]:
        """Every file under ``templates/``, as a template name (``hello/index.html``)."""
        folder = self.templates_path
        if not folder.is_dir():
            return []
        return sorted(
            path.relative_to(folder).as_posix()
            for path in folder.rglob("*")
            if path.is_file()
            and not any(part.startswith(".") or part == "__pycache__" for part in path.parts)
        )

    def endpoints(self, app: Flask) -> list[str]:
        """The app's endpoints that belong to the plugin: those of its blueprints and
        those whose view is defined in its package (a route added in ``init_app``)."""
        names = {blueprint.name for blueprint in self.all_blueprints}
        found = []
        for endpoint, view in app.view_functions.items():
            if endpoint.endswith(".static") or endpoint == "static":
                continue
            package = (getattr(view, "__module__", None) or "").split(".")[0]
            own_module = package == self.package_name and package != CORE
            if endpoint.split(".")[0] in names or own_module:
                found.append(endpoint)
        return sorted(found)


def load_plugin_module(plugin: str) -> ModuleType:
    entry_points: Mapping[str, metadata.EntryPoint] = plugin_system.installed_entry_points()
    entry_point = entry_points.get(plugin)
    if entry_point is None:
        known = ", ".join(sorted(entry_points)) or "none"
        raise ContractError(
            f"Plugin '{plugin}' is not installed (installed plugins: {known}): install its "
            "distribution (pip install -e .) so its entry point in 'pnyx.plugins' is found."
        )
    return entry_point.load()


def required_plugins(plugin: str) -> list[str]:
    """``plugin``'s ``requires``, transitively, requirements first, then ``plugin``."""
    ordered: list[str] = []

    def visit(name: str, chain: tuple[str, ...]) -> None:
        if name in ordered or name in chain:
            return
        for required in getattr(load_plugin_module(name), "requires", ()):
            visit(required, (*chain, name))
        ordered.append(name)

    visit(plugin, ())
    return ordered


def declarations_of(plugin: str) -> PluginDeclarations:
    """Call ``plugin``'s setup hooks on their own and collect what they return."""
    module = load_plugin_module(plugin)
    manager = pluggy.PluginManager(CORE)
    manager.add_hookspecs(hookspecs)
    try:
        manager.register(module, name=plugin)
    except pluggy.PluginValidationError as error:
        raise ContractError(f"Plugin '{plugin}': {error}") from error

    def results(hook_name: str, **kwargs: Any) -> tuple[Any, ...]:
        try:
            returned = getattr(manager.hook, hook_name)(**kwargs)
        except Exception as error:
            raise ContractError(
                f"Plugin '{plugin}' failed in hook {hook_name}: {type(error).__name__}: {error}"
            ) from error
        return tuple(item for result in returned for item in (result or ()))

    cli = click.Group("pnyx")
    results("register_commands", cli=cli)
    return PluginDeclarations(
        plugin=plugin,
        module=module,
        component_types=results("register_component_types"),
        space_types=results("register_space_types"),
        authorization_handlers=results("register_verification_handlers")
        + results("register_authorization_handlers"),
        blueprints=results("register_blueprints"),
        commands=tuple(cli.commands),
    )
