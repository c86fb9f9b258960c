"""The app's registry of everything plugins declared at start-up.

Filled once by ``create_app`` from the setup hooks, then read-only. It checks
the naming rules of DESIGN.md §4: every name a plugin declares starts with the
plugin's name, and no two plugins claim the same name.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs

from pnyx.discussion import with_comment_settings
from pnyx.errors import StartupError
from pnyx.manifests import Action, AuthorizationHandler, ComponentType, HomeBlock, SpaceType

#: The core's own names are not prefixed by a plugin name.
CORE = "pnyx"


def has_prefix(name: str, plugin: str) -> bool:
    """Whether ``name`` belongs to ``plugin``: ``budgets``, ``budgets_x``, ``budgets.vote``."""
    return plugin == CORE or name == plugin or name.startswith((f"{plugin}_", f"{plugin}."))


@attrs.define
class Registry:
    space_types: dict[str, SpaceType] = attrs.field(factory=dict)
    component_types: dict[str, ComponentType] = attrs.field(factory=dict)
    actions: dict[str, Action] = attrs.field(factory=dict)
    #: Actions registered through ``register_actions`` (they belong to no component type).
    free_actions: list[Action] = attrs.field(factory=list)
    authorization_handlers: dict[str, AuthorizationHandler] = attrs.field(factory=dict)
    blueprints: list[Any] = attrs.field(factory=list)
    #: ``pnyx import`` importers by name (``people``, ``<plugin>:<kind>``).
    importers: dict[str, Any] = attrs.field(factory=dict)
    #: Blocks staff may place on the home page, in declaration (load) order.
    home_blocks: dict[str, HomeBlock] = attrs.field(factory=dict)
    #: Objects plugins offer each other (``register_services``), by name.
    services: dict[str, Any] = attrs.field(factory=dict)
    #: Which plugin declared each name, for error messages.
    owners: dict[str, str] = attrs.field(factory=dict)

    def _claim(self, kind: str, name: str, plugin: str) -> None:
        if not has_prefix(name, plugin):
            raise StartupError(
                f"Plugin '{plugin}' declares {kind} '{name}' without its prefix: "
                f"rename it '{plugin}_{name}' (or '{plugin}.{name}' for an action)."
            )
        key = f"{kind}:{name}"
        if key in self.owners:
            raise StartupError(
                f"Plugin '{plugin}' declares {kind} '{name}', already declared by plugin "
                f"'{self.owners[key]}': rename one of them or disable one plugin."
            )
        self.owners[key] = plugin

    def add_space_types(self, plugin: str, items: Iterable[SpaceType]) -> None:
        for item in items:
            self._claim("space type", item.name, plugin)
            self.space_types[item.name] = item
            if item.admin_blueprint is not None:
                self._claim("blueprint", item.admin_blueprint.name, plugin)

    def add_component_types(self, plugin: str, items: Iterable[ComponentType]) -> None:
        for item in items:
            self._claim("component type", item.name, plugin)
            # A commentable resource type brings "comments enabled/blocked" step settings.
            item = with_comment_settings(item)
            self.component_types[item.name] = item
            for blueprint in (item.public_blueprint, item.admin_blueprint):
                if blueprint is not None:
                    self._claim("blueprint", blueprint.name, plugin)
            self.add_actions(plugin, item.actions)

    def add_free_actions(self, plugin: str, items: Iterable[Action]) -> None:
        """Actions of no component type (``register_actions``): asked on other plugins' records."""
        items = list(items)
        self.add_actions(plugin, items)
        self.free_actions.extend(items)

    def add_actions(self, plugin: str, items: Iterable[Action]) -> None:
        for item in items:
            self._claim("action", item.name, plugin)
            self.actions[item.name] = item

    def add_authorization_handlers(
        self, plugin: str, items: Iterable[AuthorizationHandler]
    ) -> None:
        for item in items:
            self._claim("authorization handler", item.name, plugin)
            self.authorization_handlers[item.name] = item

    def add_home_blocks(self, plugin: str, items: Iterable[HomeBlock]) -> None:
        for item in items:
            self._claim("home block", item.name, plugin)
            self.home_blocks[item.name] = item

    def add_blueprints(self, plugin: str, items: Iterable[Any]) -> None:
        for item in items:
            self._claim("blueprint", item.name, plugin)
            self.blueprints.append(item)

    def add_importers(self, plugin: str, items: Iterable[Any]) -> None:
        for item in items:
            if plugin != CORE and not item.name.startswith(f"{plugin}:"):
                raise StartupError(
                    f"Plugin '{plugin}' declares importer '{item.name}' without its prefix: "
                    f"name it '{plugin}:{item.name}'."
                )
            if item.name in self.importers:
                raise StartupError(
                    f"Plugin '{plugin}' declares importer '{item.name}', already declared by "
                    f"plugin '{self.owners[f'importer:{item.name}']}'."
                )
            self.owners[f"importer:{item.name}"] = plugin
            self.importers[item.name] = item

    def add_services(self, plugin: str, items: Any) -> None:
        for name, service in dict(items).items():
            self._claim("service", name, plugin)
            self.services[name] = service

    def component_type(self, name: str) -> ComponentType | None:
        return self.component_types.get(name)

    def owner_of_action(self, name: str) -> str | None:
        return self.owners.get(f"action:{name}")
