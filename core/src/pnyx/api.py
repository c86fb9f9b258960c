"""The only module plugins import from the core (DESIGN.md §4).

Everything a plugin needs is here: the hook marker, the declarative base and
column types, the manifests, the core models a plugin may point to, and
helpers for the current request. Everything else in ``pnyx`` is private and
may change between versions; what is exported here follows deprecation rules.
"""

from __future__ import annotations

import logging
from typing import Any

from flask import current_app, g
from flask_babel import format_date
from markupsafe import Markup
from sqlalchemy import select

from pnyx.action_log import log_action, write_action
from pnyx.confirm import confirm_first
from pnyx.db import get_session as db_session
from pnyx.discussion import comment_counts
from pnyx.distributions import DemoAccount, Distribution, DistributionOrganization
from pnyx.errors import SettingsError, StartupError
from pnyx.events import Event, discard_events, publish_event
from pnyx.forms import Form, SensibleDate, TranslatedText
from pnyx.hookspecs import hookimpl
from pnyx.i18n import (
    format_currency,
    format_datetime,
    format_decimal,
    format_number,
    format_percent,
    translated,
)
from pnyx.importing import ImportContext, Importer, RowError
from pnyx.inputs import (
    MAX_ID,
    MAX_PAGE,
    InvalidInput,
    as_int,
    clean_text,
    id_list,
    int_arg,
    int_field,
    page_arg,
    parse_decimal,
    parse_int,
    read_int,
    upload_limit,
)
from pnyx.jobs import enqueue, in_job, job
from pnyx.mail import send_template_mail as send_mail
from pnyx.manifests import (
    Action,
    Audience,
    ComponentType,
    ExportDefinition,
    HomeBlock,
    MenuLink,
    ResourceType,
    SearchResult,
    Snippet,
    SpaceType,
    StatDefinition,
)
from pnyx.models import (
    Component,
    Model,
    Organization,
    Space,
    SpaceGroup,
    Step,
    TaxonomyTerm,
    User,
    utcnow,
)
from pnyx.models import UserSpaceRole as _UserSpaceRole
from pnyx.models.base import JSONType, UTCDateTime
from pnyx.notifications.activity.items import ActivityItem
from pnyx.notifications.following import follow, following, unfollow
from pnyx.notifications.kinds import NotificationKind
from pnyx.notifications.models import Newsletter
from pnyx.notifications.publish import notify
from pnyx.optional_mails import register_optional_mail, wants_mail
from pnyx.package_i18n import gettext as _
from pnyx.package_i18n import lazy_gettext as _l
from pnyx.package_i18n import lazy_ngettext, ngettext
from pnyx.permissions import Decision, component_of, decide, space_of
from pnyx.permissions import space_roles as _space_roles
from pnyx.personal_data.names import person_name
from pnyx.plugin_api import (
    actions,
    attachments,
    groups,
    links,
    open_data,
    seeding,
    statistics,
    submissions,
    verification,
)
from pnyx.plugin_api.deprecation import PnyxDeprecationWarning, resolve
from pnyx.ratelimit import rate_limit
from pnyx.redirects import safe_next
from pnyx.richtext import render_rich_text, rich_text_excerpt, rich_translated
from pnyx.search import fold as fold_text
from pnyx.search import folded, folded_matches, folded_search_column, search_words, text_matches
from pnyx.search import setup_postgresql as setup_search_postgresql
from pnyx.search import translations as searchable_translations
from pnyx.search_columns import add_search_column, drop_search_column, search_column_set_aside
from pnyx.settings import ResolvedSettings, validate_settings
from pnyx.settings import current_settings as _current_settings
from pnyx.toolkit.loading import get_or_404
from pnyx.toolkit.pagination import Page, paginate, paginate_keyset
from pnyx.toolkit.permission_rules import PermissionRules, require
from pnyx.toolkit.taxonomy import TermOption, subtree, taxonomy_terms, term_field, term_labels
from pnyx.web.components import component_url
from pnyx.web.guards import can, requires
from pnyx.written_language import offered_languages, read_written_language, written_language_column

_log = logging.getLogger(__name__)


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


def space_roles(user: User | None, space: Space) -> frozenset[str]:
    """The roles ``user`` holds in ``space`` (``admin``, ``moderator``, ``valuator``,
    ``collaborator``); empty when anonymous. Read once per request, with the engine's cache.

    Organization roles are not included: ask ``user.is_admin`` or ``user.has_role(...)``.
    """
    if user is None:
        return frozenset()
    return frozenset(role.role for role in _space_roles(user) if role.space_id == space.id)


def space_members(space: Space, role: str) -> list[User]:
    """The people holding ``role`` in ``space``, by name (an assignment form's choices)."""
    query = (
        select(User)
        .join(_UserSpaceRole, _UserSpaceRole.user_id == User.id)
        .where(_UserSpaceRole.space_id == space.id, _UserSpaceRole.role == role)
        .order_by(User.name, User.id)
    )
    return list(db_session().scalars(query))


def service(name: str) -> Any:
    """The object an enabled plugin offers as ``name`` (hook ``register_services``), or ``None``.

    How plugins use each other without importing each other: ``forms =
    api.service("surveys.questionnaires")``, then only what its docs promise.
    """
    return current_app.extensions["pnyx.plugins"].registry.services.get(name)


def component_type(name: str) -> ComponentType | None:
    """The component type an enabled plugin registered as ``name``, or ``None``.

    Lets a plugin use another type's ``exports`` or ``stats`` without importing
    that plugin (the budgets plugin reads the accepted proposals through the
    ``proposals`` type's export to turn them into projects).
    """
    return current_app.extensions["pnyx.plugins"].registry.component_types.get(name)


#: Names renamed in Pnyx 1.0, kept until 1.1 with a DeprecationWarning (docs/hooks.md).
_RENAMED: dict[str, tuple[str, Any]] = {
    "ADMIN": ("api.actions.ADMIN", lambda: actions.ADMIN),
    "VIEW": ("api.actions.VIEW", lambda: actions.VIEW),
    "PUBLIC": ("api.actions.PUBLIC", lambda: actions.PUBLIC),
    "ACCOUNT": ("api.actions.ACCOUNT", lambda: actions.ACCOUNT),
    "ADMIN_SPACE": ("api.actions.ADMIN_SPACE", lambda: actions.ADMIN_SPACE),
    "MODERATE_SPACE": ("api.actions.MODERATE_SPACE", lambda: actions.MODERATE_SPACE),
    "AuthorizationHandler": ("api.verification.Handler", lambda: verification.Handler),
    "AuthorizationResult": ("api.verification.Result", lambda: verification.Result),
    "AuthorizationStatus": ("api.verification.Status", lambda: verification.Status),
    "GrantOutcome": ("api.verification.GrantOutcome", lambda: verification.GrantOutcome),
    "grant_authorization": ("api.verification.grant", lambda: verification.grant),
    "authorization_data": ("api.verification.data", lambda: verification.data),
    "identity_hash": ("api.verification.identity_hash", lambda: verification.identity_hash),
    "requirements_for": (
        "api.verification.requirements_for",
        lambda: verification.requirements_for,
    ),
    "link_resources": ("api.links.link", lambda: links.link),
    "unlink_resources": ("api.links.unlink", lambda: links.unlink),
    "linked_ids": ("api.links.linked_ids", lambda: links.linked_ids),
    "links_of": ("api.links.links_of", lambda: links.links_of),
    "describe_resources": ("api.links.describe", lambda: links.describe),
    "resource_type": ("api.links.resource_type", lambda: links.resource_type),
    "LinkedResource": ("api.links.LinkedResource", lambda: links.LinkedResource),
    "ResourceDescription": ("api.links.ResourceDescription", lambda: links.ResourceDescription),
    "send_plugin_mail": ("api.send_mail", lambda: send_mail),
    "gettext": ("api._", lambda: _),
    "lazy_gettext": ("api._l", lambda: _l),
}


def __getattr__(name: str) -> Any:
    """Old names of the plugin API: they work, and warn (``PnyxDeprecationWarning``)."""
    return resolve(name, _RENAMED, __name__)


__all__ = [
    "MAX_ID",
    "MAX_PAGE",
    "Action",
    "ActivityItem",
    "Audience",
    "Component",
    "ComponentType",
    "Decision",
    "DemoAccount",
    "Distribution",
    "DistributionOrganization",
    "Event",
    "ExportDefinition",
    "Form",
    "HomeBlock",
    "ImportContext",
    "Importer",
    "InvalidInput",
    "JSONType",
    "Markup",
    "MenuLink",
    "Model",
    "Newsletter",
    "NotificationKind",
    "Organization",
    "Page",
    "PermissionRules",
    "PnyxDeprecationWarning",
    "ResolvedSettings",
    "ResourceType",
    "RowError",
    "SearchResult",
    "SensibleDate",
    "SettingsError",
    "Snippet",
    "Space",
    "SpaceGroup",
    "SpaceType",
    "StartupError",
    "StatDefinition",
    "Step",
    "TaxonomyTerm",
    "TermOption",
    "TranslatedText",
    "UTCDateTime",
    "User",
    "_",
    "_l",
    "actions",
    "add_search_column",
    "as_int",
    "attachments",
    "can",
    "clean_text",
    "comment_counts",
    "component_of",
    "component_type",
    "component_url",
    "confirm_first",
    "current_component",
    "current_settings",
    "current_space",
    "current_user",
    "db_session",
    "decide",
    "discard_events",
    "drop_search_column",
    "enqueue",
    "fold_text",
    "folded",
    "folded_matches",
    "folded_search_column",
    "follow",
    "following",
    "format_currency",
    "format_date",
    "format_datetime",
    "format_decimal",
    "format_number",
    "format_percent",
    "get_or_404",
    "groups",
    "hookimpl",
    "id_list",
    "in_job",
    "int_arg",
    "int_field",
    "job",
    "lazy_ngettext",
    "links",
    "log_action",
    "ngettext",
    "notify",
    "offered_languages",
    "open_data",
    "page_arg",
    "paginate",
    "paginate_keyset",
    "parse_decimal",
    "parse_int",
    "person_name",
    "publish_event",
    "rate_limit",
    "read_int",
    "read_written_language",
    "register_optional_mail",
    "render_rich_text",
    "require",
    "requires",
    "rich_text_excerpt",
    "rich_translated",
    "safe_next",
    "search_column_set_aside",
    "search_words",
    "searchable_translations",
    "seeding",
    "send_mail",
    "service",
    "setup_search_postgresql",
    "space_members",
    "space_of",
    "space_roles",
    "statistics",
    "submissions",
    "subtree",
    "taxonomy_terms",
    "term_field",
    "term_labels",
    "text_matches",
    "translated",
    "unfollow",
    "upload_limit",
    "utcnow",
    "validate_settings",
    "verification",
    "wants_mail",
    "write_action",
    "written_language_column",
]
