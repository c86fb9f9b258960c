"""The hook implementations: what the ``proposals`` plugin brings to Pnyx.

The entry point ``proposals = "pnyx_proposals.plugin"`` names this module; the
core registers it with pluggy when ``PNYX_PLUGINS`` lists ``proposals``.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, render_template
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx_proposals import activity, events, exports, followers, home, links, personal_data, search
from pnyx_proposals.admin import blueprint as admin_blueprint
from pnyx_proposals.admin.overview import admin_menu
from pnyx_proposals.admin.overview import blueprint as moderation_blueprint
from pnyx_proposals.amendments import notify as amendment_notify
from pnyx_proposals.amendments.permissions import ACTIONS as AMENDMENT_ACTIONS
from pnyx_proposals.api_resources import RESOURCES as API_RESOURCES
from pnyx_proposals.coauthors import service as coauthors
from pnyx_proposals.coauthors.permissions import ACTIONS as COAUTHOR_ACTIONS
from pnyx_proposals.drafts import notify as draft_notify
from pnyx_proposals.drafts.permissions import ACTIONS as DRAFT_ACTIONS
from pnyx_proposals.models import RESOURCE, Proposal
from pnyx_proposals.permissions import ACTIONS, rules
from pnyx_proposals.seed import seed
from pnyx_proposals.settings import GlobalSettings, StepSettings
from pnyx_proposals.statistics import figures as statistics_figures
from pnyx_proposals.stats import STATS
from pnyx_proposals.texts.permissions import ACTIONS as TEXT_ACTIONS
from pnyx_proposals.views import blueprint


def deletion_blocker(session: Session, component: api.Component) -> str | None:
    """A component holding published proposals is not deleted (unpublish it instead)."""
    query = select(func.count()).where(
        Proposal.component_id == component.id, Proposal.published_at.is_not(None)
    )
    if session.scalar(query):
        return str(api._("It holds published proposals: unpublish the component instead."))
    return None


@api.hookimpl
def register_component_types() -> list[api.ComponentType]:
    return [
        api.ComponentType(
            name="proposals",
            label=api._l("Proposals"),
            description=api._l("Residents write proposals, support them, and get an answer."),
            actions=(
                *ACTIONS,
                *DRAFT_ACTIONS,
                *TEXT_ACTIONS,
                *COAUTHOR_ACTIONS,
                *AMENDMENT_ACTIONS,
            ),
            global_settings=GlobalSettings,
            step_settings=StepSettings,
            public_blueprint=blueprint,
            admin_blueprint=admin_blueprint,
            resource_types=[
                api.ResourceType(
                    RESOURCE,
                    api._l("Proposals"),
                    describe=links.describe,
                    searchable=True,
                    exportable=True,
                    commentable=True,
                    load=links.load,
                    attachable=True,  # the author's image, with its alt text
                )
            ],
            exports=[api.ExportDefinition("proposals", api._l("Proposals"), rows=exports.rows)],
            stats=STATS,
            seed=seed,
            deletion_blocker=deletion_blocker,
        )
    ]


@api.hookimpl
def permission_check(user: api.User | None, action: str, target: Any) -> bool | None:
    return rules.check(user, action, target)


@api.hookimpl
def statistics(components: list[api.Component], session: Session) -> list[object]:
    return statistics_figures(components, session)


@api.hookimpl
def register_api_resources() -> list[api.open_data.ApiResource]:
    return API_RESOURCES


@api.hookimpl
def register_blueprints() -> list[Blueprint]:
    return [moderation_blueprint]


#: The home page block of the latest proposals (placed by staff: Admin › Home page).
HOME_BLOCK = "proposals.latest"


@api.hookimpl
def register_home_blocks() -> list[api.HomeBlock]:
    return [
        api.HomeBlock(
            HOME_BLOCK,
            api._l("Latest proposals"),
            description=api._l("The newest proposals of the public spaces."),
        )
    ]


@api.hookimpl
def render_slot(name: str, context: dict[str, Any]) -> api.Snippet | None:
    """On the home page (its block): the latest proposals of the public spaces."""
    if name != "home.block" or context["block"] != HOME_BLOCK:
        return None
    latest = home.latest_proposals(limit=5)
    if not latest:
        return None
    markup = render_template("proposals/_latest.html", proposals=latest)
    return api.Snippet(api.Markup(markup), priority=60)


@api.hookimpl
def menu_links(menu: str, user: api.User | None) -> list[api.MenuLink] | None:
    return admin_menu(user) if menu == "admin" else None


@api.hookimpl
def search_resources(text: str, limit: int) -> list[api.SearchResult]:
    return search.search(text, limit)


@api.hookimpl
def export_user_data(user: api.User) -> dict[str, Any] | None:
    return personal_data.export(api.db_session(), user)


@api.hookimpl
def delete_user_data(user: api.User, session: Session) -> None:
    personal_data.delete_data(session, user)


@api.hookimpl
def user_activity(user: api.User, public: bool, limit: int) -> list[api.ActivityItem]:
    return activity.user_activity(user, public, limit)


@api.hookimpl
def register_notification_kinds() -> list[api.NotificationKind]:
    return [*followers.KINDS, *draft_notify.KINDS, *coauthors.KINDS, *amendment_notify.KINDS]


@api.hookimpl
def on_event(event: api.Event) -> None:
    events.handle(event)


@api.hookimpl
def register_importers() -> list[api.Importer]:
    from pnyx_proposals.importer import IMPORTER

    return [IMPORTER]
