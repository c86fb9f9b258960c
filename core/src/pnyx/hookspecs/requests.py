"""Request hooks: few and cheap, called while serving a request (see :mod:`pnyx.hookspecs`)."""

from __future__ import annotations

from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from pnyx.manifests import (
        MenuLink,
        SearchResult,
        Snippet,
    )
    from pnyx.models import Component, User
    from pnyx.notifications.activity.items import ActivityItem
    from pnyx.statistics.figures import Figure

from pnyx.hookspecs.markers import hookspec

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
    An exception is logged and the plugin's figures are left out. The space page's
    "Participation" box reads the same figures, counted for one component, through
    ``api.StatDefinition(..., api.statistics.figure_value(function, name))``.

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
