"""The hooks a Pnyx plugin may implement.

Every hook is documented where it is declared, in this package's modules, grouped by when the
core calls them (:mod:`~pnyx.hookspecs.setup` at start-up, :mod:`~pnyx.hookspecs.requests`
while serving a request, :mod:`~pnyx.hookspecs.data` after commits and for personal data):
when the core calls it, its arguments, how the results of several plugins combine, and what happens
when an implementation raises. ``docs/hooks.md`` repeats this reference for
readers of the documentation, and a test fails when a hook is missing there.

Plugins implement hooks with :data:`pnyx.api.hookimpl`::

    from pnyx import api

    @api.hookimpl
    def register_component_types():
        return [api.ComponentType(name="hello", label="Message board")]

An implementation may declare only the arguments it needs, in any order.
"""

from __future__ import annotations

from pnyx.hookspecs.data import (
    delete_user_data,
    export_user_data,
    on_event,
)
from pnyx.hookspecs.markers import hookimpl, hookspec
from pnyx.hookspecs.requests import (
    count_comments,
    menu_links,
    permission_check,
    render_slot,
    scan_upload,
    search_resources,
    statistics,
    user_activity,
)
from pnyx.hookspecs.setup import (
    init_app,
    register_actions,
    register_api_resources,
    register_authorization_handlers,
    register_blueprints,
    register_commands,
    register_component_types,
    register_home_blocks,
    register_importers,
    register_notification_kinds,
    register_services,
    register_space_types,
    register_verification_handlers,
)

__all__ = [
    "count_comments",
    "delete_user_data",
    "export_user_data",
    "hookimpl",
    "hookspec",
    "init_app",
    "menu_links",
    "on_event",
    "permission_check",
    "register_actions",
    "register_api_resources",
    "register_authorization_handlers",
    "register_blueprints",
    "register_commands",
    "register_component_types",
    "register_home_blocks",
    "register_importers",
    "register_notification_kinds",
    "register_services",
    "register_space_types",
    "register_verification_handlers",
    "render_slot",
    "scan_upload",
    "search_resources",
    "statistics",
    "user_activity",
]
