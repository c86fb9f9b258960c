"""The core's own hook implementations, registered as the plugin ``pnyx``."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l

from pnyx.hookspecs import hookimpl
from pnyx.manifests import (
    Action,
    Audience,
    AuthorizationHandler,
    HomeBlock,
    MenuLink,
    Snippet,
    SpaceType,
)

#: Reading a published space, component or resource.
VIEW = "pnyx.view"
#: Pages that concern no space (home, sign-in, language switcher).
PUBLIC = "pnyx.public"
#: Pages of a signed-in person's own account.
ACCOUNT = "pnyx.account"
#: The admin area.
ADMIN = "pnyx.admin"
#: A space's own admin pages (phases, components, settings, members): its admins too.
ADMIN_SPACE = "pnyx.admin_space"
#: A space's moderation queues: its admins and moderators, and organization moderators.
MODERATE_SPACE = "pnyx.moderate_space"
#: Assisting managed participants and confirming residences (user managers and admins).
MANAGE_PARTICIPANTS = "pnyx.manage_participants"

CORE_ACTIONS = (
    Action(VIEW, "View", audience=Audience.ANYONE, verifiable=False),
    Action(PUBLIC, "Public page", audience=Audience.ANYONE, verifiable=False),
    Action(ACCOUNT, "Own account", audience=Audience.SIGNED_IN, verifiable=False),
    Action(ADMIN, "Administer", audience=Audience.ADMIN, verifiable=False),
    Action(ADMIN_SPACE, "Administer a space", audience=Audience.SPACE_ADMIN, verifiable=False),
    Action(
        MODERATE_SPACE,
        "Moderate a space",
        audience=Audience.SPACE_MODERATOR,
        verifiable=False,
    ),
    Action(
        MANAGE_PARTICIPANTS,
        "Assist participants",
        audience=Audience.USER_MANAGER,
        verifiable=False,
    ),
)


@hookimpl
def register_space_types() -> list[SpaceType]:
    return [
        SpaceType(
            name="process",
            label=_l("Participatory process"),
            description=_l("A participatory process that runs in phases."),
        )
    ]


@hookimpl
def register_verification_handlers() -> list[AuthorizationHandler]:
    # Imported here: the handlers load models and pages this module must not import early.
    from pnyx.verification.handlers import core_handlers

    return core_handlers()


@hookimpl
def register_blueprints() -> list[Any]:
    from pnyx.health import blueprint as health

    return [health]


@hookimpl
def register_importers() -> list[Any]:
    from pnyx.importing.people import PEOPLE

    return [PEOPLE]


@hookimpl
def menu_links(menu: str, user: object) -> list[MenuLink] | None:
    from pnyx.admin.space_scope import space_staff_links
    from pnyx.assisted.menu import staff_links
    from pnyx.groups.setup import group_links

    links = [
        *(staff_links(menu, user) or []),  # type: ignore[arg-type]
        *space_staff_links(menu, user),  # type: ignore[arg-type]
        *group_links(menu, user),
    ]
    if menu == "main":  # every published space, by state: /spaces
        links.append(
            MenuLink(label=_l("Participatory spaces"), endpoint="pnyx_spaces.index", priority=10)
        )
    return links or None


@hookimpl
def register_notification_kinds() -> list[Any]:
    """The core's own kinds: organizations' invitations, requests to join, acceptances."""
    from pnyx.groups.notices import kinds

    return kinds()


@hookimpl
def register_home_blocks() -> list[HomeBlock]:
    from pnyx.home.blocks import CORE_BLOCKS

    return list(CORE_BLOCKS)


@hookimpl
def render_slot(name: str, context: dict[str, Any]) -> Snippet | None:
    """The core's home blocks (the welcome banner, the spaces by state)."""
    if name != "home.block":
        return None
    from pnyx.home.blocks import render_core_block

    return render_core_block(context["block"], context.get("settings") or {}, context["index"])


@hookimpl
def on_event(event: Any) -> None:
    """The core's demo gets notifications, a followed space and a draft newsletter."""
    if event.name == "pnyx.demo_seeded" and "pnyx" in event.payload.get("plugins", ()):
        from pnyx.db import get_session
        from pnyx.demo import DEMO_ACCOUNTS, DEMO_SPACE
        from pnyx.notifications.demo import seed_notifications_demo

        seed_notifications_demo(get_session(), DEMO_SPACE, DEMO_ACCOUNTS[1].email)
