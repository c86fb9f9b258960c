"""The only module plugins import from the core (DESIGN.md §4).

Everything a plugin needs is here: the hook marker, the declarative base and
column types, the manifests, the core models a plugin may point to, and
helpers for the current request. Everything else in ``pnyx`` is private and
may change between versions; what is exported here follows deprecation rules.
"""

from __future__ import annotations

from flask import g
from flask_babel import gettext, lazy_gettext, ngettext
from markupsafe import Markup

from pnyx.action_log import log_action
from pnyx.core_hooks import ACCOUNT, ADMIN, PUBLIC, VIEW
from pnyx.db import get_session as db_session
from pnyx.errors import SettingsError, StartupError
from pnyx.events import Event, publish_event
from pnyx.hookspecs import hookimpl
from pnyx.i18n import translated
from pnyx.links import link_resources, linked_ids, unlink_resources
from pnyx.manifests import (
    Action,
    Audience,
    AuthorizationHandler,
    AuthorizationResult,
    ComponentType,
    ExportDefinition,
    MenuLink,
    ResourceType,
    Snippet,
    SpaceType,
    StatDefinition,
)
from pnyx.models import Component, Model, Organization, Space, Step, TaxonomyTerm, User, utcnow
from pnyx.models.base import JSONType, UTCDateTime
from pnyx.permissions import Decision, decide
from pnyx.settings import ResolvedSettings, validate_settings
from pnyx.settings import current_settings as _current_settings
from pnyx.web.components import component_url
from pnyx.web.guards import can, requires


def current_user() -> User | None:
    """The signed-in person, or ``None``."""
    return g.get("user")


def current_component() -> Component:
    """The component whose page is being served (inside a component blueprint)."""
    return g.component


def current_space() -> Space:
    """The space whose page is being served."""
    return g.space


def current_settings(component: Component | None = None) -> ResolvedSettings:
    """The settings that apply now to ``component`` (default: the current one)."""
    return _current_settings(component if component is not None else current_component())


_ = gettext
_l = lazy_gettext

__all__ = [
    "ACCOUNT",
    "ADMIN",
    "PUBLIC",
    "VIEW",
    "Action",
    "Audience",
    "AuthorizationHandler",
    "AuthorizationResult",
    "Component",
    "ComponentType",
    "Decision",
    "Event",
    "ExportDefinition",
    "JSONType",
    "Markup",
    "MenuLink",
    "Model",
    "Organization",
    "ResolvedSettings",
    "ResourceType",
    "SettingsError",
    "Snippet",
    "Space",
    "SpaceType",
    "StartupError",
    "StatDefinition",
    "Step",
    "TaxonomyTerm",
    "UTCDateTime",
    "User",
    "_",
    "_l",
    "can",
    "component_url",
    "current_component",
    "current_settings",
    "current_space",
    "current_user",
    "db_session",
    "decide",
    "gettext",
    "hookimpl",
    "lazy_gettext",
    "link_resources",
    "linked_ids",
    "log_action",
    "ngettext",
    "publish_event",
    "requires",
    "translated",
    "unlink_resources",
    "utcnow",
    "validate_settings",
]
