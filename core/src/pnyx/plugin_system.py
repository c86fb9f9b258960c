"""Finding, ordering and loading plugins.

A plugin is a module named by an entry point of the group ``pnyx.plugins``;
the entry point's name is the plugin's name. The module holds hook
implementations and may set ``requires = ("proposals",)``. Each app gets its
own ``pluggy.PluginManager``; the core's own hooks are registered as the
plugin ``pnyx``, first.
"""

from __future__ import annotations

import ast
import importlib.metadata as metadata
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

import attrs
import pluggy

from pnyx import hookspecs
from pnyx.errors import StartupError
from pnyx.models import Model
from pnyx.registry import CORE, Registry

ENTRY_POINT_GROUP = "pnyx.plugins"


@attrs.frozen
class PluginInfo:
    """A loaded plugin: its module, where it comes from and what it needs."""

    name: str
    module: ModuleType
    distribution: str
    version: str
    requires: tuple[str, ...]

    @property
    def package_path(self) -> Path:
        """The plugin's top-level package folder (templates/, migrations/, translations/)."""
        top = self.module.__name__.split(".")[0]
        return Path(__import__(top).__file__).parent

    @property
    def package_name(self) -> str:
        return self.module.__name__.split(".")[0]


@attrs.define
class PluginSystem:
    """One app's plugin manager, loaded plugins (in load order) and registry."""

    pm: pluggy.PluginManager
    plugins: dict[str, PluginInfo]
    registry: Registry = attrs.field(factory=Registry)

    def hook_names(self, plugin: str) -> list[str]:
        """The hooks ``plugin`` implements, for ``pnyx plugins list``."""
        module = self.pm.get_plugin(plugin)
        return sorted(h.name for h in self.pm.get_hookcallers(module) or [])


def installed_entry_points() -> dict[str, metadata.EntryPoint]:
    """Every installed plugin's entry point by name; duplicates are an error."""
    found: dict[str, metadata.EntryPoint] = {}
    for entry_point in metadata.entry_points(group=ENTRY_POINT_GROUP):
        if entry_point.name in found and found[entry_point.name].value != entry_point.value:
            raise StartupError(
                f"Plugin '{entry_point.name}' is installed twice ({found[entry_point.name].value}"
                f" and {entry_point.value}): uninstall one of the distributions."
            )
        found[entry_point.name] = entry_point
    return found


def parse_enabled(value: str | Sequence[str] | None, installed: Iterable[str]) -> list[str]:
    """Read an enable list: a comma-separated string, a list, or ``*`` for every plugin."""
    if value is None:
        return []
    names = value.split(",") if isinstance(value, str) else list(value)
    names = [n.strip() for n in names if n.strip()]
    if names == ["*"]:
        return sorted(installed)
    return list(dict.fromkeys(names))


def load_plugin_system(enabled: Sequence[str], core_hooks: ModuleType) -> PluginSystem:
    """Import the enabled plugins, order them by ``requires`` and register their hooks."""
    entry_points = installed_entry_points()
    infos = {name: _import_plugin(name, entry_points) for name in enabled}
    ordered = order_by_requires(infos)
    pm = pluggy.PluginManager(CORE)
    pm.add_hookspecs(hookspecs)
    pm.register(core_hooks, name=CORE)
    for info in ordered:
        _register(pm, info)
    _check_tables(ordered)
    return PluginSystem(pm=pm, plugins={info.name: info for info in ordered})


def _import_plugin(name: str, entry_points: dict[str, metadata.EntryPoint]) -> PluginInfo:
    entry_point = entry_points.get(name)
    if entry_point is None:
        raise StartupError(
            f"Plugin '{name}' is enabled in PNYX_PLUGINS but not installed: "
            f"install the distribution 'pnyx-{name}' or remove '{name}' from PNYX_PLUGINS."
        )
    try:
        module = entry_point.load()
    except Exception as error:
        raise StartupError(
            f"Plugin '{name}' failed to import ({entry_point.value}): "
            f"{type(error).__name__}: {error}"
        ) from error
    dist = entry_point.dist
    return PluginInfo(
        name=name,
        module=module,
        distribution=dist.name if dist else "?",
        version=dist.version if dist else "?",
        requires=tuple(getattr(module, "requires", ())),
    )


def order_by_requires(infos: dict[str, PluginInfo]) -> list[PluginInfo]:
    """Topological order (requirements first), stable by enable order otherwise."""
    ordered: list[PluginInfo] = []
    state: dict[str, str] = {}

    def visit(info: PluginInfo, chain: tuple[str, ...]) -> None:
        if state.get(info.name) == "done":
            return
        if state.get(info.name) == "visiting":
            cycle = " -> ".join((*chain, info.name))
            raise StartupError(f"Plugins require each other in a cycle: {cycle}.")
        state[info.name] = "visiting"
        for required in info.requires:
            if required not in infos:
                raise StartupError(
                    f"Plugin '{info.name}' requires plugin '{required}', which is not enabled: "
                    f"add '{required}' to PNYX_PLUGINS (and install pnyx-{required})."
                )
            visit(infos[required], (*chain, info.name))
        state[info.name] = "done"
        ordered.append(info)

    for info in infos.values():
        visit(info, ())
    return ordered


def _register(pm: pluggy.PluginManager, info: PluginInfo) -> None:
    _refuse_unmarked_hooks(pm, info)
    try:
        pm.register(info.module, name=info.name)
        pm.check_pending()
    except pluggy.PluginValidationError as error:
        raise StartupError(f"Plugin '{info.name}': {_hook_problem(pm, error)}") from error


def _refuse_unmarked_hooks(pm: pluggy.PluginManager, info: PluginInfo) -> None:
    """A function named like a hook but without ``@api.hookimpl`` is never called by pluggy:
    a forgotten marker would silently drop, say, a plugin's ``permission_check``."""
    for name, value in vars(info.module).items():
        if not callable(value) or getattr(pm.hook, name, None) is None:
            continue
        if pm.parse_hookimpl_opts(info.module, name) is None:
            raise StartupError(
                f"Plugin '{info.name}': function '{name}' in {info.module.__name__} is named "
                f"like the hook '{name}' but has no @api.hookimpl marker, so it would never be "
                "called: put @api.hookimpl above it (or rename it if it is not a hook)."
            )


def _hook_problem(pm: pluggy.PluginManager, error: pluggy.PluginValidationError) -> str:
    """pluggy's message, told in one line without repeating the plugin's name."""
    text = str(error)
    first = text.splitlines()[0]
    if "unknown hook" in first:
        hook = first.split("unknown hook")[1].split()[0].strip("'")
        return (
            f"implements unknown hook '{hook}': check the spelling against docs/hooks.md "
            "(or remove the @hookimpl marker)."
        )
    hook_match = re.search(r"for hook '(\w+)'", first)
    arguments = re.search(r"Argument\(s\) (\{.*?\}) are declared in the hookimpl", text)
    if hook_match and arguments:
        hook = hook_match.group(1)
        wrong = ", ".join(f"'{name}'" for name in sorted(ast.literal_eval(arguments.group(1))))
        expected = ", ".join(getattr(pm.hook, hook).spec.argnames)
        return (
            f"its implementation of hook '{hook}' asks for {wrong}, which the hook does not "
            f"pass: use only some of ({expected}) in its signature (docs/hooks.md)."
        )
    # Any other complaint: every line of it (the first alone rarely says what is wrong).
    joined = " ".join(line.strip() for line in text.splitlines() if line.strip())
    return f"{re.sub(r'^Plugin .*? for hook', 'hook', joined)} (docs/hooks.md)."


def _check_tables(infos: Iterable[PluginInfo]) -> None:
    """Every table a plugin's models define must start with ``<plugin>_``."""
    owners = {info.package_name: info.name for info in infos}
    for mapper in Model.registry.mappers:
        package = mapper.class_.__module__.split(".")[0]
        plugin = owners.get(package)
        table: Any = mapper.local_table
        if plugin and table is not None and not table.name.startswith(f"{plugin}_"):
            raise StartupError(
                f"Plugin '{plugin}' defines table '{table.name}' without its prefix: "
                f"rename it '{plugin}_{table.name}'."
            )
