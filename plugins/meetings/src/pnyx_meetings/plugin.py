"""The hook implementations: what the ``meetings`` plugin brings to Pnyx.

The entry point ``meetings = "pnyx_meetings.plugin"`` names this module; the
core registers it with pluggy when ``PNYX_PLUGINS`` lists ``meetings``.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Flask, render_template
from sqlalchemy.orm import Session

from pnyx import api
from pnyx_meetings import (
    activity,
    demo_links,
    followers,
    labels,
    queries,
    resources,
    search,
    stats,
    userdata,
)
from pnyx_meetings.api_resources import RESOURCES as API_RESOURCES
from pnyx_meetings.models import Meeting
from pnyx_meetings.seed import seed
from pnyx_meetings.settings import GlobalSettings, StepSettings
from pnyx_meetings.statistics import figures as statistics_figures
from pnyx_meetings.views import admin_agenda, admin_registrations, organize, registration
from pnyx_meetings.views.admin import blueprint as admin_blueprint
from pnyx_meetings.views.directory import blueprint as directory_blueprint
from pnyx_meetings.views.public import blueprint as public_blueprint

#: Importing these modules adds their routes to the blueprints above.
VIEW_MODULES = (admin_agenda, admin_registrations, organize, registration)
#: Meetings shown by the "upcoming meetings" snippets of the home and space pages.
UPCOMING_IN_SLOT = 3


def actions() -> list[api.Action]:
    return [
        api.Action(
            "meetings.register",
            api._l("Register for a meeting"),
            step_setting="registrations_enabled",
        ),
        api.Action("meetings.unregister", api._l("Cancel a registration"), verifiable=False),
        # groups=True: the component's admin may let people organize for an organization.
        api.Action(
            "meetings.create",
            api._l("Create a meeting"),
            step_setting="creation_enabled",
            groups=True,
        ),
        # Editing and closing one's own meeting; permission_check keeps it to its organizer.
        api.Action("meetings.organize", api._l("Organize your meeting"), verifiable=False),
    ]


@api.hookimpl
def register_component_types() -> list[api.ComponentType]:
    return [
        api.ComponentType(
            name="meetings",
            label=api._l("Meetings"),
            description=api._l(
                "Meetings in person, online or both: registrations, calendars, published minutes."
            ),
            actions=actions(),
            global_settings=GlobalSettings,
            step_settings=StepSettings,
            public_blueprint=public_blueprint,
            admin_blueprint=admin_blueprint,
            resource_types=[resources.resource_type()],
            exports=[resources.export_definition()],
            stats=stats.definitions(),
            seed=seed,
        )
    ]


@api.hookimpl
def register_blueprints() -> list[Blueprint]:
    return [directory_blueprint]


@api.hookimpl
def permission_check(user: api.User | None, action: str, target: Any) -> bool | None:
    """Only a meeting's participant organizer organizes it (staff use the admin pages)."""
    if action == "meetings.organize" and isinstance(target, Meeting):
        return user is not None and target.author_id == user.id
    return None


@api.hookimpl
def menu_links(menu: str) -> list[api.MenuLink] | None:
    if menu == "main":
        return [api.MenuLink(label=api._l("Meetings"), endpoint="meetings_directory.index")]
    return None


@api.hookimpl
def search_resources(text: str, limit: int) -> list[api.SearchResult]:
    return search.search(text, limit)


#: The home page block of the coming meetings (placed by staff: Admin › Home page).
HOME_BLOCK = "meetings.upcoming"


@api.hookimpl
def register_home_blocks() -> list[api.HomeBlock]:
    return [
        api.HomeBlock(
            HOME_BLOCK,
            api._l("Upcoming meetings"),
            description=api._l("The next meetings of every space, with a link to the agenda."),
        )
    ]


@api.hookimpl
def render_slot(name: str, context: dict[str, Any]) -> api.Snippet | None:
    if name == "home.block" and context["block"] == HOME_BLOCK:
        meetings = queries.upcoming_in(None, UPCOMING_IN_SLOT)
        taken = queries.seat_counts(meetings)
        html = render_template("meetings/slot_upcoming.html", meetings=meetings, taken=taken)
        return api.Snippet(api.Markup(html))
    if name == "space.after_components":
        space = context["space"]
        if not any(component.type == "meetings" for component in space.components):
            return None
        meetings = queries.upcoming_in(space.id, UPCOMING_IN_SLOT)
        html = render_template(
            "meetings/slot_space.html",
            meetings=meetings,
            taken=queries.seat_counts(meetings),
            latest=queries.latest_minutes(space.id),
        )
        return api.Snippet(api.Markup(html))
    return None


@api.hookimpl
def export_user_data(user: api.User) -> dict[str, Any] | None:
    return userdata.export(user)


@api.hookimpl
def delete_user_data(user: api.User, session: Session) -> None:
    userdata.delete_for(user, session)


@api.hookimpl
def init_app(app: Flask) -> None:
    labels.init_templates(app)


@api.hookimpl
def register_importers() -> list[api.Importer]:
    from pnyx_meetings.importer import IMPORTER

    return [IMPORTER]


@api.hookimpl
def user_activity(user: api.User, public: bool, limit: int) -> list[api.ActivityItem]:
    return activity.user_activity(user, public, limit)


@api.hookimpl
def register_notification_kinds() -> list[api.NotificationKind]:
    return followers.KINDS


@api.hookimpl
def on_event(event: api.Event) -> None:
    if event.name == "pnyx.demo_seeded":
        demo_links.link_demo_minutes()
    followers.tell_followers(event)


@api.hookimpl
def statistics(components: list[api.Component], session: Session) -> list[object]:
    return statistics_figures(components, session)


@api.hookimpl
def register_api_resources() -> list[api.open_data.ApiResource]:
    return API_RESOURCES
