"""The application factory."""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from typing import Any

from flask import Flask

from pnyx import core_hooks, plugin_system
from pnyx.config import load_config
from pnyx.db import init_db
from pnyx.distributions import apply_distribution_config
from pnyx.errors import StartupError
from pnyx.extras import check_extras
from pnyx.i18n import init_i18n
from pnyx.jobs import init_jobs
from pnyx.package_i18n import init_package_i18n
from pnyx.page_cache import init_page_cache
from pnyx.plugin_system import PluginSystem, load_plugin_system, parse_enabled
from pnyx.template_i18n import init_template_i18n
from pnyx.templating import PnyxEnvironment
from pnyx.web import init_web
from pnyx.web.declared_actions import refuse_undeclared_views
from pnyx.web.url_rules import LazyBuilderRule
from pnyx.written_language import init_written_language


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build a Pnyx app: configuration, enabled plugins, database, pages.

    ``config`` overrides the ``PNYX_*`` environment (keys without the prefix),
    e.g. ``create_app({"PLUGINS": "budgets", "DATABASE_URL": "sqlite://"})``.
    Raises :class:`~pnyx.errors.StartupError` with a one-line message on a
    misconfiguration. Never touches the database's schema.

    Deny by default: a view of any blueprint, core or plugin, that declares no
    action is refused here (:mod:`pnyx.web.declared_actions`).
    """
    app = build_app(config)
    refuse_undeclared_views(app, app.extensions["pnyx.plugins"])
    return app


def build_app(config: Mapping[str, Any] | None = None) -> Flask:
    """:func:`create_app` without the check of declared actions: for the contract suite,
    which lists every undeclared view instead of stopping at start-up. Never serve it."""
    app = Flask("pnyx", instance_path=None, instance_relative_config=False)
    app.jinja_environment = PnyxEnvironment  # before anything reads app.jinja_env
    app.url_rule_class = LazyBuilderRule  # before any route is added
    load_config(app, config)
    apply_distribution_config(app.config)
    check_extras(app.config)
    enabled = parse_enabled(app.config["PLUGINS"], plugin_system.installed_entry_points())
    plugins = load_plugin_system(enabled, core_hooks)
    app.extensions["pnyx.plugins"] = plugins
    _register_manifests(plugins)
    init_jobs(app)  # before the database: its teardown must run after the session's
    init_db(app, app.config["DATABASE_URL"])
    plugin_paths = [info.package_path for info in plugins.plugins.values()]
    init_i18n(app, plugin_paths)
    init_written_language(app)
    init_package_i18n(app, plugin_paths)
    init_template_i18n(app, plugin_paths)
    init_web(app, plugins)
    _call_setup_hook(plugins, "init_app", app=app)
    init_page_cache(app)  # last: its middleware answers hits before any other layer
    return app


#: Hooks renamed in Pnyx 1.0 (old name -> new name); docs/hooks.md, "Deprecations".
DEPRECATED_HOOKS = {"register_authorization_handlers": "register_verification_handlers"}


def _register_manifests(plugins: PluginSystem) -> None:
    registry = plugins.registry
    registry.add_actions("pnyx", core_hooks.CORE_ACTIONS)
    adders = {
        "register_space_types": registry.add_space_types,
        "register_component_types": registry.add_component_types,
        "register_verification_handlers": registry.add_authorization_handlers,
        # Deprecated name (Pnyx 1.0): still read, with a DeprecationWarning per plugin.
        "register_authorization_handlers": registry.add_authorization_handlers,
        "register_blueprints": registry.add_blueprints,
        "register_importers": registry.add_importers,
        "register_services": registry.add_services,
        "register_home_blocks": registry.add_home_blocks,
        "register_actions": registry.add_free_actions,
    }
    for hook_name, add in adders.items():
        for plugin, result in _call_setup_hook(plugins, hook_name):
            add(plugin, result or [])


def _call_setup_hook(plugins: PluginSystem, hook_name: str, **kwargs: Any) -> list[Any]:
    """Call a setup hook plugin by plugin (load order), naming the plugin on failure."""
    results = []
    hook = getattr(plugins.pm.hook, hook_name)
    for impl in hook.get_hookimpls():  # registration order = load order
        if hook_name in DEPRECATED_HOOKS:
            warnings.warn(
                f"Plugin '{impl.plugin_name}' implements {hook_name}, deprecated since Pnyx 1.0: "
                f"rename it {DEPRECATED_HOOKS[hook_name]}",
                DeprecationWarning,
                stacklevel=2,
            )
        try:
            result = impl.function(**{name: kwargs[name] for name in impl.argnames})
        except StartupError:
            raise
        except Exception as error:
            raise StartupError(
                f"Plugin '{impl.plugin_name}' failed in hook {hook_name}: "
                f"{type(error).__name__}: {error}"
            ) from error
        results.append((impl.plugin_name, result))
    return results
