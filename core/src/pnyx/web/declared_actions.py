"""Deny by default at start-up: every view declares a registered action.

``create_app`` refuses to start when a view function of any blueprint, core
or plugin, has no ``@api.requires(...)`` (or requires an action nobody
registers): such a view would serve anyone. One line per view names the
plugin, the endpoint and the fix. The kit's contract suite reports the same
problems (:func:`pnyx.testing.checks.check_views_declare_actions`).
"""

from __future__ import annotations

from flask import Flask

from pnyx.errors import StartupError
from pnyx.plugin_system import PluginSystem
from pnyx.registry import CORE
from pnyx.web.guards import ACTION_ATTRIBUTE


def is_static(endpoint: str) -> bool:
    """Static files are served by Flask itself, to anyone, by design."""
    return endpoint == "static" or endpoint.endswith(".static")


def owner_of_endpoint(app: Flask, plugins: PluginSystem, endpoint: str) -> str:
    """The plugin a view belongs to: by the package its function is defined in, else by
    the plugin that declared its blueprint, else the core."""
    view = app.view_functions[endpoint]
    package = (getattr(view, "__module__", None) or "").split(".")[0]
    for info in plugins.plugins.values():
        if info.package_name == package:
            return info.name
    blueprint = endpoint.rpartition(".")[0]
    return plugins.registry.owners.get(f"blueprint:{blueprint}", CORE)


def undeclared_views(app: Flask, plugins: PluginSystem) -> dict[str, str]:
    """Endpoint → one line saying what is wrong and the fix, for every view that declares
    no action or an unregistered one."""
    actions = plugins.registry.actions
    problems = {}
    for endpoint in sorted(app.view_functions):
        if is_static(endpoint):
            continue
        owner = owner_of_endpoint(app, plugins, endpoint)
        who = "The core" if owner == CORE else f"Plugin '{owner}'"
        rules = ", ".join(sorted(rule.rule for rule in app.url_map.iter_rules(endpoint)))
        action = getattr(app.view_functions[endpoint], ACTION_ATTRIBUTE, None)
        if action is None:
            problems[endpoint] = (
                f"{who}: view '{endpoint}' ({rules}) declares no action, so it would serve "
                'anyone: decorate it with @api.requires("<action>") under its route '
                "decorator (docs/actions.md)."
            )
        elif action not in actions:
            problems[endpoint] = (
                f"{who}: view '{endpoint}' ({rules}) requires action '{action}', which no "
                "plugin registers: add it to a component type's actions (docs/actions.md)."
            )
    return problems


def refuse_undeclared_views(app: Flask, plugins: PluginSystem) -> None:
    """Raise :class:`StartupError`: one line, the first unguarded view and its fix, then the
    endpoints of the others (the contract suite lists each with its own fix)."""
    problems = undeclared_views(app, plugins)
    if not problems:
        return
    first, *others = problems
    also = f" Also unguarded: {', '.join(others)}." if others else ""
    raise StartupError(problems[first] + also)
