"""The plugin's blueprints; views attach themselves to them when their modules load.

Mounted by the core: ``surveys`` at ``/spaces/<space_slug>/surveys/<component_id>/``,
``surveys_admin`` at ``/admin/spaces/<space_slug>/surveys/<component_id>/``.

``surveys_forms`` (a global blueprint, ``/admin/forms/<questionnaire_id>/``) serves the same
builder for the questionnaires other plugins own through the ``surveys.questionnaires``
service (a meeting's registration form): the questionnaire's component — the other plugin's —
is loaded before the guard, so that component's space admins build it, nobody else.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Blueprint, abort, g
from sqlalchemy import select

from pnyx import api

public = Blueprint("surveys", __name__)
admin = Blueprint("surveys_admin", __name__)
forms = Blueprint("surveys_forms", __name__, url_prefix="/admin/forms/<int:questionnaire_id>")

F = Callable[..., Any]


def builder_route(rule: str, **options: Any) -> Callable[[F], F]:
    """Serve a builder view on the component's admin pages and on ``surveys_forms``."""

    def decorator(view: F) -> F:
        admin.add_url_rule(rule, view_func=view, **options)
        forms.add_url_rule(rule, view_func=view, **options)
        return view

    return decorator


@forms.url_value_preprocessor
def _take_questionnaire_id(_endpoint: str | None, values: dict[str, Any] | None) -> None:
    g.surveys_questionnaire_id = (values or {}).pop("questionnaire_id", None)


@forms.before_request
def _load_questionnaire() -> None:
    """After the core's checks (the CSRF token first), before the view's guard."""
    from pnyx_surveys.models import COMPONENT_OWNER, Questionnaire

    questionnaire_id = g.get("surveys_questionnaire_id")
    if questionnaire_id is None or not 1 <= questionnaire_id <= api.MAX_ID:
        abort(404)
    row = (
        api.db_session()
        .execute(
            select(Questionnaire.component_id, Questionnaire.owner_type).where(
                Questionnaire.id == questionnaire_id
            )
        )
        .first()
    )
    # A survey component's own questionnaire is built on that component's admin pages.
    if row is None or row.owner_type == COMPONENT_OWNER:
        abort(404)
    component = api.db_session().get(api.Component, row.component_id)
    if component is None:
        abort(404)
    g.component, g.space = component, component.space


@forms.url_defaults
def _keep_questionnaire(endpoint: str, values: dict[str, Any]) -> None:
    if endpoint.startswith("surveys_forms.") and "questionnaire_id" not in values:
        values["questionnaire_id"] = g.get("surveys_questionnaire_id")
