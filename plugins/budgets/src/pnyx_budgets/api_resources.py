"""The ``register_api_resources`` hook: budgets and their projects in the read-only API.

Amounts are whole units of the budget's currency. Ballots never appear: only what
the public pages show (a project's selection once the outcome is published, its
follow-up).
"""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from pnyx import api
from pnyx_budgets.models import Budget, Project, project_themes


class BudgetSchema(Schema):
    id = fields.Integer(required=True)
    component_id = fields.Integer(required=True)
    title = api.open_data.Translated(required=True)
    description = api.open_data.Translated(required=True)
    amount = fields.Integer(required=True)
    currency = fields.String(required=True)
    territory_id = fields.Integer(allow_none=True)
    vote_type = fields.String(required=True)


class ProjectSchema(Schema):
    id = fields.Integer(required=True)
    budget_id = fields.Integer(required=True)
    title = api.open_data.Translated(required=True)
    description = api.open_data.Translated(required=True)
    cost = fields.Integer(required=True)
    territory_id = fields.Integer(allow_none=True)
    theme_ids = fields.Function(
        lambda project: [term.id for term in project.themes],
        metadata={"type": "array", "items": {"type": "integer"}},
    )
    selection = fields.String(required=True, metadata={"description": "pending, selected..."})
    follow_status = fields.String(required=True)
    progress = fields.Integer(required=True)


def themed(term_ids: Any) -> Any:
    linked = select(project_themes.c.project_id).where(project_themes.c.term_id.in_(term_ids))
    return Project.id.in_(linked)


RESOURCES = [
    api.open_data.ApiResource(
        name="budgets",
        schema=BudgetSchema,
        query=lambda: select(Budget),
        id_column=Budget.id,
        component_column=Budget.component_id,
        description="Participatory budgets and their amounts.",
        territory_column=Budget.territory_id,
    ),
    api.open_data.ApiResource(
        name="budgets_projects",
        schema=ProjectSchema,
        query=lambda: (
            select(Project)
            .join(Budget, Budget.id == Project.budget_id)
            .options(selectinload(Project.themes))
        ),
        id_column=Project.id,
        component_column=Budget.component_id,
        description="The projects of the budgets, their selection and follow-up.",
        state_column=Project.selection,
        territory_column=Project.territory_id,
        theme_condition=themed,
    ),
]
