"""The hook implementations: what the ``surveys`` plugin brings to Pnyx.

The entry point ``surveys = "pnyx_surveys.plugin"`` names this module; the core
registers it when ``PNYX_PLUGINS`` lists ``surveys``.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Flask
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx_surveys import personal_data, resources, routes
from pnyx_surveys.blueprints import admin, forms, public
from pnyx_surveys.engine import Questionnaires
from pnyx_surveys.models import COMPONENT_OWNER, Questionnaire, Submission
from pnyx_surveys.permissions import ACTIONS, rules
from pnyx_surveys.seed import seed
from pnyx_surveys.settings import GlobalSettings, StepSettings
from pnyx_surveys.statistics import figures as survey_figures
from pnyx_surveys.stats import STATS

#: The view modules attach their routes to the blueprints when imported.
ROUTES = routes.__all__
#: Answers per minute and hour from one person or (hashed) address; each page sent counts.
DEFAULT_RATE_LIMIT = "60/minute;600/hour"


def deletion_blocker(session: Session, component: api.Component) -> str | None:
    """A survey that holds answers is not deleted (unpublish it instead)."""
    query = (
        select(func.count())
        .select_from(Submission)
        .join(Questionnaire, Questionnaire.id == Submission.questionnaire_id)
        .where(Questionnaire.owner_type == COMPONENT_OWNER, Questionnaire.owner_id == component.id)
    )
    if session.scalar(query):
        return str(api._("People have answered this survey: unpublish it instead."))
    return None


@api.hookimpl
def register_component_types() -> list[api.ComponentType]:
    return [
        api.ComponentType(
            name="surveys",
            label=api._l("Survey"),
            description=api._l(
                "A questionnaire residents answer once, with public results (a consultation)."
            ),
            actions=ACTIONS,
            global_settings=GlobalSettings,
            step_settings=StepSettings,
            public_blueprint=public,
            admin_blueprint=admin,
            stats=STATS,
            # People comment on the results once a phase makes them public (resources.py).
            resource_types=[resources.resource_type()],
            seed=seed,
            deletion_blocker=deletion_blocker,
        )
    ]


@api.hookimpl
def statistics(components: list[api.Component], session: Session) -> list[object] | None:
    return survey_figures(components, session)


@api.hookimpl
def register_services() -> dict[str, object]:
    return {"surveys.questionnaires": Questionnaires()}


@api.hookimpl
def register_blueprints() -> list[Blueprint]:
    return [forms]


@api.hookimpl
def init_app(app: Flask) -> None:
    app.config.setdefault("SURVEYS_RATE_LIMIT_ANSWERS", DEFAULT_RATE_LIMIT)


@api.hookimpl
def permission_check(user: api.User | None, action: str, target: Any) -> bool | None:
    return rules.check(user, action, target)


@api.hookimpl
def export_user_data(user: api.User) -> dict[str, Any] | None:
    return personal_data.export(api.db_session(), user)


@api.hookimpl
def delete_user_data(user: api.User, session: Session) -> None:
    personal_data.delete_data(session, user)
