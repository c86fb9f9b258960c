"""Setup hooks: what a plugin registers when the application starts (see :mod:`pnyx.hookspecs`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import click
    from flask import Blueprint, Flask

    from pnyx.importing import Importer
    from pnyx.manifests import (
        Action,
        ComponentType,
        HomeBlock,
        SpaceType,
        VerificationHandler,
    )
    from pnyx.notifications.kinds import NotificationKind
    from pnyx.open_data.resources import ApiResource

from pnyx.hookspecs.markers import hookspec

# --- Setup hooks: called once, inside create_app, in plugin load order. ------
# Errors raised here stop start-up with a message naming the plugin.


@hookspec
def register_space_types() -> list[SpaceType]:
    """Return the space types this plugin adds (the core adds ``process``).

    Called once in ``create_app``. Results of every plugin are concatenated;
    two plugins returning the same name stop start-up. The type's own record of
    a space lives in the plugin's tables and reaches the core through the
    manifest: ``page_context`` (space page variables), ``admin_blueprint``
    (admin pages scoped to one space), ``is_member`` (members besides role
    holders) and ``members_only`` (everyone reads, members take part).

    Example::

        @api.hookimpl
        def register_space_types():
            return [api.SpaceType(name="assemblies", label=_l("Assembly"))]
    """


@hookspec
def register_component_types() -> list[ComponentType]:
    """Return the component types this plugin adds.

    Called once in ``create_app``. Names, action names and blueprint names must
    start with the plugin's name; a clash or a missing prefix stops start-up.

    Example::

        @api.hookimpl
        def register_component_types():
            return [api.ComponentType(name="hello", label="Message board",
                                      actions=[api.Action("hello.post", "Post")])]
    """


@hookspec
def register_verification_handlers() -> list[VerificationHandler]:
    """Return the verification handlers (eligibility checks) this plugin adds.

    Called once in ``create_app``; results are concatenated; a duplicate name
    stops start-up.

    Example::

        @api.hookimpl
        def register_verification_handlers():
            return [api.verification.Handler(name="membership_card", label="Member card",
                                             check=check_card)]
    """


@hookspec
def register_authorization_handlers() -> list[VerificationHandler]:
    """Deprecated since Pnyx 1.0: the old name of :func:`register_verification_handlers`.

    Still called (after the new hook), with a ``DeprecationWarning`` naming the
    plugin; removed in Pnyx 1.1.

    Example::

        @api.hookimpl
        def register_verification_handlers():  # the new name: rename the function
            return [membership_card_handler]
    """


@hookspec
def register_home_blocks() -> list[HomeBlock]:
    """Return the blocks this plugin offers for the home page (``api.HomeBlock``).

    Called once in ``create_app``. Each block's name must start with the
    plugin's name. Staff choose and order blocks in *Admin › Home page*; until
    they do, the home page shows the core's blocks and every block whose
    ``default`` is true. A placed block is drawn through the ``render_slot``
    hook, slot ``home.block`` (docs/slots.md, docs/spaces.md).

    Example::

        @api.hookimpl
        def register_home_blocks():
            return [api.HomeBlock("meetings.upcoming", api._l("Upcoming meetings"))]

        @api.hookimpl
        def render_slot(name, context):
            if name == "home.block" and context["block"] == "meetings.upcoming":
                return api.Snippet(api.Markup(render_template("meetings/home_block.html")))
    """


@hookspec
def register_blueprints() -> list[Blueprint]:
    """Return Flask blueprints served outside any component (global pages).

    Called once in ``create_app``. Each blueprint's name must start with the
    plugin's name. Component pages do not use this hook: they are the
    ``public_blueprint`` and ``admin_blueprint`` of a :class:`ComponentType`.

    Example::

        @api.hookimpl
        def register_blueprints():
            return [meetings_directory]  # Blueprint("meetings_directory", ...)
    """


@hookspec
def register_services() -> dict[str, object]:
    """Return the services this plugin offers to other plugins, by name.

    Called once in ``create_app``. Each name starts with the plugin's name
    (``surveys.questionnaires``); two plugins offering the same name stop
    start-up. Another plugin gets the object with ``api.service(name)`` —
    ``None`` when no enabled plugin offers it — and never imports the offering
    plugin. The object's methods are the offering plugin's documented contract
    (docs/hooks.md); keep them to ids and plain values.

    Example::

        @api.hookimpl
        def register_services():
            return {"surveys.questionnaires": Questionnaires()}
    """


@hookspec
def register_importers() -> list[Importer]:
    """Return the importers this plugin offers to ``pnyx import <plugin>:<kind> FILE``.

    Called once in ``create_app``. Each :class:`~pnyx.api.Importer`'s name is
    ``<plugin>:<kind>``; it says how to read one CSV row (``parse``, raising
    ``api.RowError``) and how to write a batch of new rows (``write``, returning
    their ids). The core checks every row before writing anything, skips the
    external ids imported before, writes in batches and reports progress
    (docs/imports.md).

    Example::

        @api.hookimpl
        def register_importers():
            return [api.Importer(name="hello:messages", label="Messages",
                                 required_columns=("text",), parse=parse_message,
                                 write=write_messages, component_type="hello")]
    """


@hookspec
def register_actions() -> list[Action]:
    """Return actions that belong to no component type of this plugin.

    Called once in ``create_app``. For a plugin that acts on other plugins'
    records (comments on a proposal, a meeting...): its actions are asked on
    those records (``api.require("comments.create", proposal)``), whose
    component's step settings and verifications apply. Names start with the
    plugin's name; a clash stops start-up.

    Example::

        @api.hookimpl
        def register_actions():
            return [api.Action("comments.create", "Comment", step_setting="comments_enabled")]
    """


@hookspec
def register_notification_kinds() -> list[NotificationKind]:
    """Return the notification kinds this plugin publishes (docs/notifications.md).

    Called once in ``create_app``. Each :class:`~pnyx.api.NotificationKind` has a
    ``name`` starting with the plugin's (``proposals.answered``), a ``label``
    (what happened, for people) and its default ``recipients``: ``followers``
    (of the resource, its component and its space), ``authors``, ``staff``
    (admins and moderators of the space), ``mentioned``. The plugin then
    publishes with ``api.notify(name, target, ...)``, usually from its
    ``on_event``; people choose per kind how often they are e-mailed. A name
    declared twice, or not prefixed, stops start-up.

    Example::

        @api.hookimpl
        def register_notification_kinds():
            return [api.NotificationKind("hello.replied", api._l("Reply to your message"),
                                         recipients=("authors", "followers"))]
    """


@hookspec
def register_commands(cli: click.Group) -> None:
    """Add command groups to the ``pnyx`` command line.

    Called when the CLI starts, with the ``pnyx`` group. Add one group named
    after the plugin (``pnyx budgets ...``). Returns nothing.

    Example::

        @api.hookimpl
        def register_commands(cli):
            cli.add_command(budgets_group)
    """


@hookspec
def register_api_resources() -> list[ApiResource]:
    """Return the public records this plugin serves through the read-only API.

    Called once in ``create_app``. Each :class:`pnyx.api.open_data.ApiResource` is
    served at ``/api/v1/<name>`` (a page of records, cursor pagination, filters) and
    ``/api/v1/<name>/<id>``, and documented in ``/api/v1/openapi.json`` from its
    marshmallow schema. Names start with the plugin's name; a clash stops start-up.
    ``query`` selects what the public pages show (published, not hidden); the core
    keeps only rows of components anyone may see (never a private space). The schema
    writes public fields only: an author's name through ``api.open_data.author_name``
    (``None`` for a deleted account), never an e-mail address.

    Example::

        @api.hookimpl
        def register_api_resources():
            return [api.open_data.ApiResource(
                name="hello_messages", schema=MessageSchema,
                query=lambda: select(Message).where(Message.hidden_at.is_(None)),
                id_column=Message.id, component_column=Message.component_id,
                updated_column=Message.updated_at,
            )]
    """


@hookspec
def init_app(app: Flask) -> None:
    """Do anything else the plugin needs at start-up (template filters, config defaults).

    Called last in ``create_app``, after every manifest is registered. Must not
    touch the database (migrations are never run at start-up). Returns nothing.

    Example::

        @api.hookimpl
        def init_app(app):
            app.config.setdefault("HELLO_MAX_LENGTH", 500)
    """
