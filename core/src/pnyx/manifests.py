"""Manifests: frozen value objects that describe what a plugin brings.

A plugin returns manifests from its setup hooks; the core stores them in the
app's :class:`~pnyx.registry.Registry` and dispatches on their names
(``component.type``, ``space.type``, an action's name). Manifests hold no
state and never change after start-up.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from typing import Any

import attrs
from markupsafe import Markup


class Audience(enum.StrEnum):
    """Who may perform an action by default, before plugins and authorizations speak."""

    ANYONE = "anyone"
    SIGNED_IN = "signed_in"
    SPACE_MEMBER = "space_member"
    #: Organization admins and user managers (assisted participation, confirmations).
    USER_MANAGER = "user_manager"
    #: Organization admins, and the admins of the target's space (its own admin pages).
    SPACE_ADMIN = "space_admin"
    #: Organization admins and moderators, and the target space's admins and moderators.
    SPACE_MODERATOR = "space_moderator"
    ADMIN = "admin"


def _tuple(value: Any) -> tuple[Any, ...]:
    return tuple(value or ())


@attrs.frozen
class Action:
    """A named thing a person can do, such as ``hello.post`` or ``budgets.vote``.

    ``step_setting`` names a boolean step setting of the component that must be
    true in the active step for the action to be allowed ("votes enabled during
    the voting phase" is configuration, not code).
    """

    name: str
    label: str
    audience: Audience = Audience.SIGNED_IN
    step_setting: str | None = None
    #: False for actions such as reading a page, where a verification makes no sense.
    authorizable: bool = True


@attrs.frozen
class ResourceType:
    """A kind of record a plugin owns that other plugins may link to or search."""

    name: str
    label: str
    #: ``(session, ids) -> {id: (title, url)}``: describes linked resources in one query;
    #: a third item may add a short detail (``(title, url, "60 % done")``). Other plugins
    #: call it through ``api.describe_resources``; leave out ids that are not visible.
    describe: Callable[..., Mapping[int, tuple[str, ...]]] | None = None
    searchable: bool = False
    exportable: bool = False


@attrs.frozen
class ExportDefinition:
    """A downloadable export of a component's data (``rows`` yields dicts; streamed)."""

    name: str
    label: str
    rows: Callable[..., Any]
    formats: tuple[str, ...] = attrs.field(default=("csv", "json"), converter=_tuple)


@attrs.frozen
class StatDefinition:
    """A participation figure shown on space pages and in the admin area."""

    name: str
    label: str
    #: ``(session, component) -> int``
    compute: Callable[..., int]


@attrs.frozen
class ComponentType:
    """A kind of participation component (budgets, proposals, a message board...).

    Settings are stored in three levels (``global``, ``default_step``,
    ``steps[step_id]``) and validated by the two marshmallow schemas.
    """

    name: str
    label: str
    actions: tuple[Action, ...] = attrs.field(default=(), converter=_tuple)
    global_settings: type | None = None
    step_settings: type | None = None
    public_blueprint: Any = None
    admin_blueprint: Any = None
    resource_types: tuple[ResourceType, ...] = attrs.field(default=(), converter=_tuple)
    exports: tuple[ExportDefinition, ...] = attrs.field(default=(), converter=_tuple)
    stats: tuple[StatDefinition, ...] = attrs.field(default=(), converter=_tuple)
    #: ``(session, component) -> None``: creates demo content for a component.
    seed: Callable[..., None] | None = None
    #: ``(session, component) -> str | None``: a reason why the component cannot be deleted.
    deletion_blocker: Callable[..., str | None] | None = None
    description: str = ""


@attrs.frozen
class SpaceType:
    """A kind of participatory space (the core's ``process``, a plugin's ``assembly``)."""

    name: str
    label: str
    #: Whether spaces of this type have phases (steps).
    has_steps: bool = True
    #: Template for the space page; receives ``space``.
    template: str = "pnyx/space.html"
    description: str = ""


class AuthorizationStatus(enum.StrEnum):
    """Where a person stands with one verification, for one set of options."""

    #: Verified and the options are met.
    OK = "ok"
    #: Never verified with this handler.
    MISSING = "missing"
    #: Verified, but the verification's validity ended.
    EXPIRED = "expired"
    #: Declared, waiting for a staff confirmation.
    PENDING = "pending"
    #: Verified, but the options are not met (too old, another territory).
    UNAUTHORIZED = "unauthorized"
    #: Verified, but data the options need is missing: verify again.
    INCOMPLETE = "incomplete"


@attrs.frozen
class AuthorizationResult:
    """What a verification handler says about one person for one set of options."""

    status: str  # an AuthorizationStatus: ok, missing, expired, pending, unauthorized, incomplete
    message: str = ""


@attrs.frozen
class AuthorizationHandler:
    """A way to verify eligibility (birth date, residence, census...).

    The core keeps each person's verification as an ``Authorization`` row
    (granted with ``api.grant_authorization`` from the handler's page) and
    answers ``missing``, ``pending`` and ``expired`` itself. For a granted,
    unexpired authorization it calls ``check(authorization, options)`` with
    the options the admin attached to the action; ``check`` compares the
    authorization's ``data`` with them and returns ``ok``, ``unauthorized`` or
    ``incomplete``. Without ``check``, a granted authorization is enough.
    """

    name: str
    label: str
    #: marshmallow schema of the options an admin sets when attaching the handler;
    #: the admin form is generated from it (field ``metadata``: ``label``, ``description``,
    #: ``choices`` a callable returning ``[(value, label)]``).
    options_schema: type | None = None
    #: ``(authorization: Authorization, options: dict) -> AuthorizationResult``
    check: Callable[..., AuthorizationResult] | None = None
    #: Endpoint of the page where a person verifies with this handler (it may take ``next``).
    verify_endpoint: str | None = None
    #: One sentence for residents: what this verification asks and why.
    description: str = ""


@attrs.frozen
class MenuLink:
    """A link a plugin adds to a menu (``main``, ``user`` or ``admin``)."""

    label: str
    endpoint: str
    values: Mapping[str, Any] = attrs.field(factory=dict)
    priority: int = 100


@attrs.frozen
class Snippet:
    """Markup a plugin inserts into a named slot of a core template."""

    html: Markup
    priority: int = 100
