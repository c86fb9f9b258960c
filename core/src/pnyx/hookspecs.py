"""The hooks a Pnyx plugin may implement.

Every hook is documented here, where it is declared: when the core calls it,
its arguments, how the results of several plugins combine, and what happens
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

from typing import IO, TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    import click
    from flask import Blueprint, Flask
    from sqlalchemy.orm import Session

    from pnyx.events import Event
    from pnyx.importing import Importer
    from pnyx.manifests import (
        Action,
        ComponentType,
        HomeBlock,
        MenuLink,
        SearchResult,
        Snippet,
        SpaceType,
        VerificationHandler,
    )
    from pnyx.models import Component, User
    from pnyx.notifications.activity.items import ActivityItem
    from pnyx.notifications.kinds import NotificationKind
    from pnyx.open_data.resources import ApiResource
    from pnyx.statistics.figures import Figure

hookspec = pluggy.HookspecMarker("pnyx")
#: Marks a plugin's hook implementations (re-exported as ``pnyx.api.hookimpl``).
hookimpl = pluggy.HookimplMarker("pnyx")

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


# --- Request hooks: few and cheap; called while serving a request. -----------


@hookspec
def permission_check(user: User | None, action: str, target: Any) -> bool | None:
    """Give an opinion on whether ``user`` may perform ``action`` on ``target``.

    Called by the permission engine after the visibility, step and audience
    checks passed. ``user`` is a ``User`` or ``None`` (anonymous); ``target`` is
    the component, space or resource the action applies to. Return ``False``
    to forbid, ``True`` or ``None`` to have no objection. Any ``False`` wins.
    An exception is logged and counts as ``False`` (deny by default).

    Example::

        @api.hookimpl
        def permission_check(user, action, target):
            if action == "proposals.support" and getattr(target, "withdrawn", False):
                return False
    """


@hookspec
def render_slot(name: str, context: dict[str, Any]) -> Snippet | list[Snippet] | None:
    """Return markup for the named insertion point of a core template.

    Called each time a template renders ``{{ slot("space.after_components") }}``;
    ``context`` holds what the template offers (for example ``space``). Return
    ``None`` for slots you do not fill. Snippets of every plugin are joined by
    ascending ``priority``. The list of slots is in ``docs/slots.md``. An
    exception is logged and the plugin's snippet is left out.

    Example::

        @api.hookimpl
        def render_slot(name, context):
            if name == "space.after_components":
                return api.Snippet(Markup(render_template("meetings/latest_minutes.html")))
    """


@hookspec
def menu_links(menu: str, user: User | None) -> list[MenuLink] | None:
    """Return links to add to a menu: ``main``, ``user`` or ``admin``.

    Called when a page renders the menu. Links of every plugin are merged and
    sorted by ``priority``. An exception is logged and the plugin's links are
    left out.

    Example::

        @api.hookimpl
        def menu_links(menu, user):
            if menu == "main":
                return [api.MenuLink(label="Meetings", endpoint="meetings_directory.index")]
    """


@hookspec
def search_resources(text: str, user: Any, limit: int) -> list[SearchResult] | None:
    """Return at most ``limit`` of this plugin's resources matching ``text``, best first.

    Called by the site-wide search page (``/search?q=``) with the search box's
    words. Match with :func:`pnyx.api.text_matches`, which forgives accents and
    case the same way on every database. Leave out what your own rules hide
    (drafts, hidden or withdrawn content); the core then drops every result
    whose space or component ``user`` may not see. Results of every plugin are
    shown grouped by ``kind``. An exception is logged and the plugin's results
    are left out.

    Example::

        @api.hookimpl
        def search_resources(text, limit):
            query = select(Message).where(api.text_matches(Message.body, text))
            return [
                api.SearchResult(
                    kind=api._("Message"),
                    title=message.body[:80],
                    url=api.component_url(message.component),
                    component=message.component,
                )
                for message in api.db_session().scalars(query.limit(limit))
            ]
    """


@hookspec
def scan_upload(file: IO[bytes], filename: str, content_type: str) -> str | None:
    """Check an uploaded file before it is stored (an antivirus); return why it is refused.

    Called for every attachment (``api.attachments``) after the core checked its
    size and its kind by content, on the content that will be stored (an image
    already re-encoded, an SVG already cleaned); ``file`` is open at its start,
    ``filename`` is the cleaned name and ``content_type`` the detected type.
    Return ``None`` to accept, or a short reason shown to the uploader
    ("a virus was found: Eicar-Test-Signature") to refuse; any plugin's reason
    refuses. No scanner is installed by default. An exception refuses the file
    (an unchecked file is never stored) and is logged.

    Example::

        @api.hookimpl
        def scan_upload(file):
            answer = clamd.ClamdUnixSocket().instream(file)["stream"]
            return None if answer[0] == "OK" else f"a virus was found: {answer[1]}"
    """


@hookspec
def statistics(components: list[Component], session: Session) -> list[Figure] | None:
    """Return this plugin's participation figures for ``components``.

    Called by the statistics pages (``/statistics``, ``/spaces/<slug>/statistics``) and
    the open-data bundle with the components the reader may see (on the organization's
    page: published components of published public spaces; never a private space).
    Count only inside the components of your own types among them, with grouped queries
    (``Model.component_id.in_(ids)``), never one query per component. Each
    :class:`pnyx.api.statistics.Figure` has a ``kind`` (``contributions``, ``supports``,
    ``votes``, ``registrations``, ``answers``, ``comments``…) so figures of several
    plugins add up, optional ``daily`` points (charts over time) and ``by_territory``
    counts, and ``people``: a ``select`` of the ids of the people behind it, so the core
    counts each participant once. Return ``None`` when none of the components is yours.
    An exception is logged and the plugin's figures are left out.

    Example::

        @api.hookimpl
        def statistics(components, session):
            ids = api.statistics.ids_of(components, "hello")
            if not ids:
                return None
            shown = Message.component_id.in_(ids)
            return [api.statistics.Figure(
                name="hello.messages", label=api._("Messages"), kind="contributions",
                value=session.scalar(select(func.count()).where(shown)),
                daily=api.statistics.daily_counts(session, Message.created_at, shown),
                people=select(Message.author_id).where(shown),
            )]
    """


@hookspec
def count_comments(resource_type: str, ids: list[int], people: bool) -> dict[int, int] | None:
    """Return ``{id: number of visible comments}`` for records of a commentable type
    (with ``people`` true: how many different people wrote them).

    Called by :func:`pnyx.api.comment_counts` (a list page's cards) with the
    ids of one page of records of ``resource_type`` (a ``ResourceType`` with
    ``commentable=True``). Answer in one grouped query; leave out ids without
    comments and what moderation hid. Results of several plugins are added
    up. An exception is logged and the plugin's counts are left out.

    Example::

        @api.hookimpl
        def count_comments(resource_type, ids):
            query = (
                select(Comment.resource_id, func.count())
                .where(Comment.resource_type == resource_type, Comment.resource_id.in_(ids))
                .group_by(Comment.resource_id)
            )
            return dict(api.db_session().execute(query).all())
    """


@hookspec
def user_activity(user: User, public: bool, limit: int) -> list[ActivityItem] | None:
    """Return what ``user`` did in this plugin, newest first, at most ``limit`` items.

    Called when "My activity" (``/account/activity``, the person themself:
    ``public`` is false) or the person's public profile (``/people/<id>``,
    anyone: ``public`` is true) is shown, once per plugin. Return
    :class:`~pnyx.api.ActivityItem` values (label, title, url, when, public);
    when ``public`` is true, give only what anyone may see (a published
    proposal), and the core drops items not marked ``public`` anyway. Never
    tell what a ballot holds: "Voted in Budget 2027", not for what. Return
    ``None`` when the person did nothing here. An exception is logged and the
    plugin's items are left out.

    Example::

        @api.hookimpl
        def user_activity(user, public, limit):
            rows = api.db_session().scalars(
                select(Message).where(Message.author_id == user.id)
                .order_by(Message.id.desc()).limit(limit))
            return [api.ActivityItem(api._("Wrote"), m.text[:80], "", m.created_at, public=True)
                    for m in rows]
    """


# --- Event hook: after commit, never inside the transaction. -----------------


@hookspec
def on_event(event: Event) -> None:
    """React to a domain event that another part of the platform published.

    Called after the transaction that published the event committed (never
    for a rolled-back one), once per event, in plugin load order. ``event`` has
    ``name`` (``hello.message_posted``), ``payload`` (a dict of ids and plain
    values) and ``actor_id``. An exception is logged and does not affect the
    request or the other plugins.

    Example::

        @api.hookimpl
        def on_event(event):
            if event.name == "budgets.progress_changed":
                notify_followers(event.payload["project_id"])
    """


# --- Personal-data hooks: a person's requests about their own data. ----------


@hookspec
def export_user_data(user: User) -> dict[str, Any] | None:
    """Return this plugin's data about ``user``, for their "download my data" archive.

    Called when a person asks for their data (``/account/data``), while the
    archive is built, once per plugin in load order. Return ``None`` when the
    plugin holds nothing about the person, else a dict mapping a file name to
    its content; the files go into a folder named after the plugin
    (``budgets/ballots.csv``). A content is either:

    - rows, an iterable of dicts (a generator is read once, as the file is
      written): written as CSV when the name ends with ``.csv`` (columns are
      the first row's keys; every row must have the same keys), otherwise as
      a JSON array (``.json`` is added to a name without extension);
    - ``bytes`` or ``str`` (UTF-8): written as is.

    Values are plain JSON values; dates and datetimes are written in ISO 8601,
    dicts and lists in CSV cells as JSON. Give what the person wrote and what
    was recorded about them, never other people's data. An exception is
    logged and the whole export fails (the person is asked to try again
    later): an archive silently missing a part would be a wrong answer.

    Example::

        @api.hookimpl
        def export_user_data(user):
            rows = api.db_session().scalars(select(Message).where(Message.author_id == user.id))
            return {"messages.csv": ({"id": m.id, "body": m.body, "posted_at": m.created_at}
                                     for m in rows)}
    """


@hookspec
def delete_user_data(user: User, session: Session) -> None:
    """Erase or detach this plugin's data about ``user``, who is deleting their account.

    Called once per plugin in load order, inside the transaction that turns
    the person into a "deleted participant", before the core erases their
    e-mail and name and removes their roles. ``session`` is that
    transaction's session: write with it and never commit. What others rely
    on stays (a proposal, a message, shown from "Deleted participant");
    personal data goes (contact details, free-text answers about the
    person); a ballot keeps counting but loses its link to the person (set
    its voter to ``NULL``). Returns nothing. An exception rolls back the
    whole deletion: the account stays as it was, the error is logged and the
    person is asked to try again.

    Example::

        @api.hookimpl
        def delete_user_data(user, session):
            session.execute(
                update(Ballot).where(Ballot.voter_id == user.id).values(voter_id=None)
            )
    """
