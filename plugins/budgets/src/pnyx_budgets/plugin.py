"""The hook implementations: what the ``budgets`` plugin brings to Pnyx.

The entry point ``budgets = "pnyx_budgets.plugin"`` names this module; the
core registers it with pluggy when ``PNYX_PLUGINS`` lists ``budgets``.
"""

from __future__ import annotations

from typing import Any

import click
from flask import Flask
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx_budgets import (
    activity,
    admin_stats,
    demo_links,
    exports,
    followers,
    resources,
    search,
    userdata,
    vote_mail,
    vote_status,
)
from pnyx_budgets.api_resources import RESOURCES as API_RESOURCES
from pnyx_budgets.cli import import_pabulib
from pnyx_budgets.models import CAST, Ballot, Budget
from pnyx_budgets.money import format_money
from pnyx_budgets.outcomes.cli import budgets as budgets_group
from pnyx_budgets.seed import seed
from pnyx_budgets.settings import GlobalSettings, StepSettings
from pnyx_budgets.statistics import figures as statistics_figures
from pnyx_budgets.views import blueprints

PUBLIC, ADMIN = blueprints()


def deletion_blocker(session: Session, component: api.Component) -> str | None:
    """Cast ballots are a vote's record: the component is unpublished, not deleted."""
    query = (
        select(func.count())
        .select_from(Ballot)
        .join(Budget, Budget.id == Ballot.budget_id)
        .where(Budget.component_id == component.id, Ballot.status == CAST)
    )
    if session.scalar(query):
        return str(api._("It holds cast ballots: unpublish the component instead."))
    return None


@api.hookimpl
def register_component_types() -> list[api.ComponentType]:
    return [
        api.ComponentType(
            name="budgets",
            label=api._l("Participatory budgets"),
            description=api._l(
                "One or more budgets: residents choose projects, the outcome is computed "
                "with a published rule anyone can check, and the winners are followed up."
            ),
            actions=[
                # Verifications attach to the component and to each budget (Budget.permissions).
                api.Action("budgets.vote", api._l("Vote"), step_setting="votes_enabled"),
            ],
            global_settings=GlobalSettings,
            step_settings=StepSettings,
            public_blueprint=PUBLIC,
            admin_blueprint=ADMIN,
            resource_types=[resources.resource_type()],
            exports=[
                api.ExportDefinition(
                    "budgets_projects", api._l("Projects"), rows=exports.export_projects
                )
            ],
            stats=admin_stats.definitions(),
            seed=seed,
            deletion_blocker=deletion_blocker,
        )
    ]


@api.hookimpl
def register_commands(cli: click.Group) -> None:
    # The outcome engine's group (outcome, verify) plus the command that needs the app.
    budgets_group.add_command(import_pabulib)
    cli.add_command(budgets_group)


@api.hookimpl
def init_app(app: Flask) -> None:
    app.add_template_filter(format_money, "budgets_money")
    app.add_template_global(vote_status.vote_status, "budgets_vote_status")
    api.register_optional_mail(app, vote_mail.VOTE_RECEIPT, vote_mail.LABEL)


@api.hookimpl
def search_resources(text: str, limit: int) -> list[api.SearchResult]:
    return search.search(text, limit)


@api.hookimpl
def export_user_data(user: api.User) -> dict[str, Any] | None:
    return userdata.export(api.db_session(), user)


@api.hookimpl
def delete_user_data(user: api.User, session: Session) -> None:
    userdata.delete_for(session, user)


@api.hookimpl
def user_activity(user: api.User, public: bool, limit: int) -> list[api.ActivityItem]:
    return activity.user_activity(user, public, limit)


@api.hookimpl
def register_notification_kinds() -> list[api.NotificationKind]:
    return followers.KINDS


@api.hookimpl
def on_event(event: api.Event) -> None:
    if event.name == "pnyx.demo_seeded":
        demo_links.link_demo_projects()
    followers.tell_followers(event)


@api.hookimpl
def register_importers() -> list[api.Importer]:
    from pnyx_budgets.importer import IMPORTER

    return [IMPORTER]


@api.hookimpl
def statistics(components: list[api.Component], session: Session) -> list[object]:
    return statistics_figures(components, session)


@api.hookimpl
def register_api_resources() -> list[api.open_data.ApiResource]:
    return API_RESOURCES
