"""The contract's static checks: names, settings defaults, templates, declared actions.

Each ``check_*`` function raises :class:`ContractError` listing every
problem it found, with what to do about it; it returns quietly otherwise.
"""

from __future__ import annotations

from collections.abc import Iterator

from flask import Flask
from jinja2 import TemplateSyntaxError

from pnyx.manifests import ComponentType
from pnyx.registry import has_prefix
from pnyx.settings import validate_settings
from pnyx.testing.declarations import PluginDeclarations, fail_with


def declared_names(decl: PluginDeclarations) -> Iterator[tuple[str, str]]:
    """``(what, name)`` for every name the plugin declares in its manifests."""
    for component_type in decl.component_types:
        yield "component type", component_type.name
        for action in component_type.actions:
            yield f"action (of component type '{component_type.name}')", action.name
        for resource_type in component_type.resource_types:
            yield "resource type", resource_type.name
    for space_type in decl.space_types:
        yield "space type", space_type.name
    for handler in decl.authorization_handlers:
        yield "authorization handler", handler.name
    for blueprint in decl.all_blueprints:
        yield "blueprint", blueprint.name
    for command in decl.commands:
        # `pnyx mutual-aid ...`: a command line reads better with a hyphen.
        yield "CLI command group", command.replace("-", "_")
    for table in decl.tables():
        yield "table", table.name


def name_problems(decl: PluginDeclarations) -> list[str]:
    plugin = decl.plugin
    problems = [
        f"{what} '{name}' does not start with '{plugin}': rename it '{plugin}_{name}'"
        + (f" (or '{plugin}.{name}')" if what.startswith("action") else "")
        for what, name in declared_names(decl)
        if not has_prefix(name, plugin)
    ]
    problems += [
        f"template '{name}' is outside templates/{plugin}/: move it to "
        f"templates/{plugin}/{name.rsplit('/', 1)[-1]}"
        for name in decl.template_names()
        if not name.startswith(f"{plugin}/")
    ]
    return problems


def endpoint_problems(app: Flask, decl: PluginDeclarations) -> list[str]:
    return [
        f"endpoint '{endpoint}' does not start with '{decl.plugin}': register the view on a "
        f"blueprint named '{decl.plugin}' or '{decl.plugin}_...'"
        for endpoint in decl.endpoints(app)
        if not has_prefix(endpoint, decl.plugin)
    ]


def check_names_prefixed(decl: PluginDeclarations, app: Flask | None = None) -> None:
    """Every name the plugin declares starts with its name (DESIGN.md §4)."""
    __tracebackhide__ = True
    problems = name_problems(decl) + (endpoint_problems(app, decl) if app is not None else [])
    fail_with(decl.plugin, "every name starts with the plugin's name", problems)


def check_settings_defaults(decl: PluginDeclarations) -> None:
    """A new component has valid settings: every schema loads ``{}``."""
    __tracebackhide__ = True
    problems = [problem for ct in decl.component_types for problem in _settings_problems(ct)]
    fail_with(decl.plugin, "settings defaults load", problems)


def _settings_problems(component_type: ComponentType) -> list[str]:
    problems = []
    levels = (("global", component_type.global_settings), ("step", component_type.step_settings))
    for level, schema in levels:
        if schema is None:
            continue
        try:
            schema().load({})
        except Exception as error:
            problems.append(
                f"component type '{component_type.name}': the {level} settings schema "
                f"{schema.__name__} fails on empty settings ({type(error).__name__}: "
                f"{error}): give every required field a load_default"
            )
    if problems:
        return problems
    try:
        validate_settings(component_type, {})
    except Exception as error:
        problems.append(
            f"component type '{component_type.name}': its default settings do not validate "
            f"({type(error).__name__}: {error})"
        )
    return problems


def check_templates_compile(app: Flask, decl: PluginDeclarations) -> None:
    """Every file in the plugin's ``templates/`` folder compiles."""
    __tracebackhide__ = True
    problems = []
    with app.app_context():
        for name in decl.template_names():
            try:
                app.jinja_env.get_template(name)
            except TemplateSyntaxError as error:
                problems.append(f"template '{name}', line {error.lineno}: {error.message}")
            except Exception as error:
                problems.append(f"template '{name}': {type(error).__name__}: {error}")
    fail_with(decl.plugin, "templates compile", problems)


def check_views_declare_actions(app: Flask, decl: PluginDeclarations) -> None:
    """Every view of the plugin declares a registered action (``@api.requires(...)``)."""
    __tracebackhide__ = True
    actions = app.extensions["pnyx.plugins"].registry.actions
    problems = []
    for endpoint in decl.endpoints(app):
        rules = ", ".join(sorted(r.rule for r in app.url_map.iter_rules(endpoint)))
        action = getattr(app.view_functions[endpoint], "pnyx_action", None)
        if action is None:
            problems.append(
                f"view '{endpoint}' ({rules}) declares no action: decorate it with "
                "@api.requires(...) under the route decorator"
            )
        elif action not in actions:
            problems.append(
                f"view '{endpoint}' ({rules}) requires action '{action}', which no plugin "
                "registers: add it to the component type's actions"
            )
    fail_with(decl.plugin, "every view declares a registered action", problems)
