"""Manifests: frozen value objects that describe what a plugin brings.

A plugin returns manifests from its setup hooks; the core stores them in the
app's :class:`~pnyx.registry.Registry` and dispatches on their names
(``component.type``, ``space.type``, an action's name). Manifests hold no
state and never change after start-up.
"""

from __future__ import annotations

import enum
import warnings
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


@attrs.frozen(init=False)
class Action:
    """A named thing a person can do, such as ``hello.post`` or ``budgets.vote``."""

    #: The action's name, prefixed with the plugin's (``budgets.vote``).
    name: str
    #: What the person does, for admin pages and "what you can do now" (``Vote``).
    label: str
    #: Who may do it by default, before plugins and verifications speak.
    audience: Audience = Audience.SIGNED_IN
    #: A boolean step setting of the component that must be true in the active step
    #: ("votes enabled during the voting phase" is configuration, not code).
    step_setting: str | None = None
    #: Whether an admin may require verifications for it (birth date, residence...);
    #: False for actions such as reading a page or editing one's own text.
    verifiable: bool = True
    #: Whether a person may do it on behalf of a user group (an association, a business):
    #: the component's admin then gets the option "groups may take part" on its permissions
    #: page, and the plugin's form offers ``api.groups.field`` (docs/groups.md).
    groups: bool = False

    def __init__(
        self,
        name: str,
        label: str,
        audience: Audience = Audience.SIGNED_IN,
        step_setting: str | None = None,
        verifiable: bool = True,
        *,
        groups: bool = False,
        authorizable: bool | None = None,
    ) -> None:
        if authorizable is not None:
            warnings.warn(
                "Action(verifiable=...) is deprecated since Pnyx 1.0: use verifiable=...",
                DeprecationWarning,
                stacklevel=2,
            )
            verifiable = authorizable
        self.__attrs_init__(name, label, audience, step_setting, verifiable, groups)  # type: ignore[attr-defined]

    @property
    def authorizable(self) -> bool:
        """Deprecated name of :attr:`verifiable`."""
        return self.verifiable


@attrs.frozen
class ResourceType:
    """A kind of record a plugin owns that other plugins may link to or search."""

    #: The type's name, prefixed with the plugin's (``proposals_proposal``); links name it.
    name: str
    #: What one such record is called, for people (``Proposal``).
    label: str
    #: ``(session, ids) -> {id: (title, url)}``: describes linked resources in one query;
    #: a third item may add a short detail (``(title, url, "60 % done")``), a fourth the
    #: language a resident wrote the title in (``(title, url, "", proposal.language)``), or
    #: give an ``api.links.ResourceDescription``. A translatable title is given as it is
    #: (``(meeting.title, url)``): the core shows it in the reader's language. Other
    #: plugins call it through ``api.links.describe``; leave out ids that are not visible.
    describe: Callable[..., Mapping[int, Any]] | None = None
    #: Whether the records are offered to the search (reserved for the search hook).
    searchable: bool = False
    #: Whether the records appear in exports of linked data (reserved).
    exportable: bool = False
    #: Whether files and a cover image may be attached to the records (``api.attachments``,
    #: docs/attachments.md); the owner type is then ``name``.
    attachable: bool = False
    #: Whether people may comment on the records (``docs/comments.md``): a comments plugin
    #: fills the ``resource.comments`` slot of the record's page, and the component type's
    #: step settings gain ``comments_enabled`` and ``comments_blocked``. Needs ``load``.
    commentable: bool = False
    #: Whether ``comments_enabled`` starts on for the component type: a plugin whose records
    #: are not a public conversation by nature (mutual-aid posts, answered in private) opts in
    #: with ``False``, and staff turn comments on per component or phase.
    comments_by_default: bool = True
    #: ``(session, id) -> record | None``: one record, whose ``component`` attribute leads to
    #: its component (permissions are asked on it); ``None`` when it does not exist.
    load: Callable[..., Any] | None = None


@attrs.frozen
class ExportDefinition:
    """A downloadable export of a component's data (``rows`` yields dicts; streamed)."""

    #: The export's name, unique in its component type (``proposals``).
    name: str
    #: What the export holds, for the admin page's link.
    label: str
    #: ``(session, component) -> Iterable[dict]``: the rows, read as the file is written.
    rows: Callable[..., Any]
    #: The file formats offered: ``csv`` and ``json``.
    formats: tuple[str, ...] = attrs.field(default=("csv", "json"), converter=_tuple)


@attrs.frozen
class StatDefinition:
    """One figure of a component in its space page's "Participation" box (stored, recounted
    by a job). Count a figure once, in the plugin's ``statistics`` hook, and show it here
    with ``api.statistics.figure_value`` (docs/statistics.md)."""

    #: The figure's name, unique in its component type (``ballots_cast``).
    name: str
    #: What is counted, for people (``Ballots cast``).
    label: str
    #: ``(session, component) -> int``: the figure. ``api.statistics.figure_value(figures,
    #: "budgets.ballots")`` reads it from the plugin's ``statistics`` function, counted for
    #: the component alone, and ``api.statistics.participants_value(figures)`` counts the
    #: people behind those figures; a query of its own still works, for a figure only this
    #: box shows.
    compute: Callable[..., int]


@attrs.frozen
class ComponentType:
    """A kind of participation component (budgets, proposals, a message board...).

    Settings are stored in three levels (``global``, ``default_step``,
    ``steps[step_id]``) and validated by the two marshmallow schemas.
    """

    #: The type's name: the plugin's name or starting with it (``budgets``); stored in
    #: ``component.type`` and part of the component's URLs.
    name: str
    #: What an admin picks when adding a component (``Participatory budget``).
    label: str
    #: The actions people take in such a component; routes declare them with ``@api.requires``.
    actions: tuple[Action, ...] = attrs.field(default=(), converter=_tuple)
    #: marshmallow schema of the settings that hold in every phase; the admin form is drawn
    #: from it (docs/forms.md).
    global_settings: type | None = None
    #: marshmallow schema of the settings an admin sets per phase (``votes_enabled``).
    step_settings: type | None = None
    #: Flask blueprint of the public pages, mounted at
    #: ``/spaces/<space_slug>/<type>/<component_id>/``; its ``index`` view is the component page.
    public_blueprint: Any = None
    #: Flask blueprint of the admin pages, mounted at
    #: ``/admin/spaces/<space_slug>/<type>/<component_id>/``.
    admin_blueprint: Any = None
    #: The kinds of records other plugins may link to (``api.links``).
    resource_types: tuple[ResourceType, ...] = attrs.field(default=(), converter=_tuple)
    #: Downloads offered on the admin pages.
    exports: tuple[ExportDefinition, ...] = attrs.field(default=(), converter=_tuple)
    #: Participation figures of each component on its space page (the statistics pages read
    #: the ``statistics`` hook, which these may read too: ``api.statistics.figure_value``).
    stats: tuple[StatDefinition, ...] = attrs.field(default=(), converter=_tuple)
    #: ``(session, component) -> None``: creates demo content for a component.
    seed: Callable[..., None] | None = None
    #: Whether ``pnyx demo`` shows it to residents. A tutorial's example (the ``hello``
    #: board) says ``False``: its demo component goes to an unpublished practice space
    #: that only staff see.
    demo_public: bool = True
    #: ``(session, component) -> str | None``: a reason why the component cannot be deleted.
    deletion_blocker: Callable[..., str | None] | None = None
    #: One sentence for admins choosing a component type: what it is for.
    description: str = ""


@attrs.frozen
class SpaceType:
    """A kind of participatory space (the core's ``process``, a plugin's ``assembly``)."""

    #: The type's name (``process``, ``assemblies``); stored in ``space.type``.
    name: str
    #: What an admin picks when creating a space (``Participatory process``).
    label: str
    #: Whether spaces of this type have phases (steps).
    has_steps: bool = True
    #: Template for the space page; receives ``space``, ``components`` and what
    #: ``page_context`` returns.
    template: str = "pnyx/space.html"
    #: One sentence for admins choosing a space type: what it is for.
    description: str = ""
    #: ``(space) -> dict``: more variables for the space page's template (the type's own
    #: record of the space: an assembly's members, its parent, its children).
    page_context: Callable[..., Mapping[str, Any]] | None = None
    #: Flask blueprint of the type's own admin pages for one space, mounted at
    #: ``/admin/spaces/<space_slug>/<type>``; the core loads ``g.space`` and links its
    #: ``index`` view from the space's admin page. Views declare ``api.actions.ADMIN_SPACE``
    #: so the space's own admins manage it.
    admin_blueprint: Any = None
    #: ``(user, space) -> bool``: who, besides the people holding a role in the space, is a
    #: member of it (an assembly's members): members see a private space and pass actions
    #: whose audience is ``space_member``. Called at most once per person, space and request.
    is_member: Callable[..., bool] | None = None
    #: ``(space) -> bool``: whether only members take part in this space ("private but
    #: transparent": everyone reads it, members act). When true, actions whose audience is
    #: ``signed_in`` or ``space_member`` are refused to non-members, with a reason.
    members_only: Callable[..., bool] | None = None
    #: ``(session) -> None``: creates demo spaces of this type with the plugin's own rows
    #: (the caller commits). ``pnyx demo`` calls it once, after every component type's seed
    #: (``api.component_type(name).seed`` fills a component the demo space hosts); the
    #: contract suite calls it too and visits the type's admin pages with such a space.
    seed: Callable[..., None] | None = None
    #: The kinds of records of the type's own (an assembly's members); those declared
    #: ``attachable`` take files and images through ``api.attachments`` (a member's photo).
    resource_types: tuple[ResourceType, ...] = attrs.field(default=(), converter=_tuple)


class VerificationStatus(enum.StrEnum):
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
class VerificationResult:
    """What a verification handler says about one person for one set of options."""

    #: A ``VerificationStatus``: ``ok``, ``missing``, ``expired``, ``pending``,
    #: ``unauthorized`` or ``incomplete``.
    status: str
    #: What the person reads when it is not ``ok`` ("Only residents under 18 can vote").
    message: str = ""


@attrs.frozen
class VerificationHandler:
    """A way to verify eligibility (birth date, residence, census...).

    The core keeps each person's verification as an ``Authorization`` row
    (granted with ``api.verification.grant`` from the handler's page) and
    answers ``missing``, ``pending`` and ``expired`` itself. For a granted,
    unexpired authorization it calls ``check(authorization, options)`` with
    the options the admin attached to the action; ``check`` compares the
    authorization's ``data`` with them and returns ``ok``, ``unauthorized`` or
    ``incomplete``. Without ``check``, a granted authorization is enough.
    """

    #: The handler's name (``birth_date``, ``membership_card``); stored with each verification.
    name: str
    #: What the verification is called, for people and admins (``Date of birth``).
    label: str
    #: marshmallow schema of the options an admin sets when attaching the handler;
    #: the admin form is generated from it (field ``metadata``: ``label``, ``description``,
    #: ``choices`` a callable returning ``[(value, label)]``).
    options_schema: type | None = None
    #: ``(authorization: Authorization, options: dict) -> VerificationResult``
    check: Callable[..., AuthorizationResult] | None = None
    #: Endpoint of the page where a person verifies with this handler (it may take ``next``).
    verify_endpoint: str | None = None
    #: One sentence for residents: what this verification asks and why.
    description: str = ""


@attrs.frozen
class MenuLink:
    """A link a plugin adds to a menu (``main``, ``user`` or ``admin``)."""

    #: The link's text (a lazy translation: ``api._l("Meetings")``).
    label: str
    #: The Flask endpoint it leads to (``meetings_directory.index``).
    endpoint: str
    #: Values for ``url_for`` (the endpoint's arguments).
    values: Mapping[str, Any] = attrs.field(factory=dict)
    #: Order among the menu's links: lower comes first.
    priority: int = 100


@attrs.frozen
class SearchResult:
    """One thing a plugin found for the site-wide search (``search_resources``)."""

    #: What kind of thing it is, as people call it ("Proposal", "Meeting").
    kind: str
    #: Its title, as the link's text.
    title: str
    #: Its page.
    url: str
    #: The component it belongs to: the core leaves out what the person may not see.
    component: Any
    #: A few words of its text, shown under the title.
    excerpt: str = ""
    #: The language a resident wrote the title and excerpt in (a proposal's ``language``,
    #: ``api.written_language_column``): the search page marks them with ``lang`` when it is
    #: not the page's (WCAG 3.1.2). ``''`` (staff content, unknown) marks nothing.
    language: str = ""


@attrs.frozen
class Snippet:
    """Markup a plugin inserts into a named slot of a core template."""

    #: The markup, already escaped where needed (``api.Markup(render_template(...))``).
    html: Markup
    #: Order among the slot's snippets: lower comes first.
    priority: int = 100


@attrs.frozen
class HomeBlock:
    """A block staff may place on the home page (``register_home_blocks``).

    The home page renders each placed block through the ``render_slot`` hook,
    slot ``home.block``, with ``context={"block": name, "settings": {...}}``:
    the plugin that declared the block returns its ``api.Snippet`` (or ``None``
    when it has nothing to show, such as no upcoming meeting).
    """

    #: The block's name, starting with the plugin's (``meetings.upcoming``).
    name: str
    #: What staff pick in the home page's admin (``Upcoming meetings``).
    label: str
    #: One sentence for staff: what the block shows.
    description: str = ""
    #: ``() -> marshmallow.Schema``: the block's settings (a hero's text, how many items);
    #: the admin form is drawn from it (docs/forms.md). ``None``: no settings.
    settings_schema: Callable[[], Any] | None = None
    #: Whether the home page shows it until staff compose the page themselves.
    default: bool = True


#: The names before Pnyx 1.0, for the core's own modules (plugins get a DeprecationWarning
#: through ``pnyx.api``).
AuthorizationStatus = VerificationStatus
AuthorizationResult = VerificationResult
AuthorizationHandler = VerificationHandler
