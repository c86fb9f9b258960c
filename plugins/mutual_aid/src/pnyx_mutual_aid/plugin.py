"""The hook implementations: what the ``mutual_aid`` plugin brings to Pnyx.

The entry point ``mutual_aid = "pnyx_mutual_aid.plugin"`` names this module;
the core registers it with pluggy when ``PNYX_PLUGINS`` lists ``mutual_aid``.
"""

from __future__ import annotations

from typing import Any

import click
from sqlalchemy.orm import Session

from pnyx import api
from pnyx_mutual_aid import notify, personal_data, resources, stats
from pnyx_mutual_aid.admin import blueprint as admin_blueprint
from pnyx_mutual_aid.cli import mutual_aid_group
from pnyx_mutual_aid.permissions import ACTIONS, rules
from pnyx_mutual_aid.seed import seed
from pnyx_mutual_aid.settings import GlobalSettings, StepSettings
from pnyx_mutual_aid.views import blueprint


@api.hookimpl
def register_component_types() -> list[api.ComponentType]:
    return [
        api.ComponentType(
            name="mutual_aid",
            label=api._l("Mutual aid"),
            description=api._l(
                "Neighbours offer and ask for help, and talk in private conversations."
            ),
            actions=ACTIONS,
            global_settings=GlobalSettings,
            step_settings=StepSettings,
            public_blueprint=blueprint,
            admin_blueprint=admin_blueprint,
            stats=stats.STATS,
            # Comments start off on a board of private conversations (resources.py says why).
            resource_types=[resources.resource_type()],
            seed=seed,
        )
    ]


@api.hookimpl
def permission_check(user: api.User | None, action: str, target: Any) -> bool | None:
    return rules.check(user, action, target)


@api.hookimpl
def register_commands(cli: click.Group) -> None:
    cli.add_command(mutual_aid_group)


@api.hookimpl
def export_user_data(user: api.User) -> dict[str, Any] | None:
    return personal_data.export(api.db_session(), user)


@api.hookimpl
def delete_user_data(user: api.User, session: Session) -> None:
    personal_data.delete_data(session, user)


@api.hookimpl
def statistics(components: list[api.Component], session: Session) -> list[object] | None:
    return stats.figures(components, session)


@api.hookimpl
def register_notification_kinds() -> list[api.NotificationKind]:
    return list(notify.KINDS)
