"""``pnyx import budgets:projects FILE.csv --component ID``: projects of a budgets component.

The columns of the admin page's CSV import (:mod:`pnyx_budgets.imports`): ``code``,
``title_<locale>``, ``description_<locale>``, ``cost``, ``territory_code``, ``theme_codes``,
``address``; plus ``external_id`` (required by every ``pnyx import``) and ``budget`` (the
budget's number, optional when the component has one budget). Unlike the admin page, a
file with one wrong line writes nothing; an external id imported before is skipped (the
admin page's import updates projects by code).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select

from pnyx import api
from pnyx_budgets import projects
from pnyx_budgets.imports import csv_values, terms_by_code
from pnyx_budgets.models import Budget, Project

NAME = "budgets:projects"


def budgets_of(context: api.ImportContext) -> dict[int, Budget]:
    if "budgets" not in context.cache:
        assert context.component is not None  # the core requires --component
        query = select(Budget).where(Budget.component_id == context.component.id)
        context.cache["budgets"] = {budget.id: budget for budget in context.session.scalars(query)}
    return context.cache["budgets"]


def target_budget(context: api.ImportContext, number: str) -> Budget:
    budgets = budgets_of(context)
    if not number:
        if len(budgets) != 1:
            raise api.RowError(f"give the budget's number: one of {sorted(budgets)}")
        return next(iter(budgets.values()))
    if not number.isdigit() or int(number) not in budgets:
        raise api.RowError(f"no budget {number!r} in this component: one of {sorted(budgets)}")
    return budgets[int(number)]


def parse(context: api.ImportContext, row: Mapping[str, str]) -> dict[str, Any]:
    budget = target_budget(context, row.get("budget", ""))
    if "terms" not in context.cache:
        session = context.session
        context.cache["terms"] = (
            terms_by_code(session, "territory"),
            terms_by_code(session, "theme"),
        )
    values, problem = csv_values(dict(row), budget, *context.cache["terms"])
    if problem or values is None:
        raise api.RowError(problem or "this line cannot be read")
    return {"budget_id": budget.id, **values}


def check_codes(
    context: api.ImportContext, rows: list[tuple[int, str, Any]]
) -> list[tuple[int, str]]:
    """A code twice in the file, or already a project's in the budget; a frozen budget."""
    seen: dict[tuple[int, str], int] = context.cache.setdefault("codes", {})
    imported = context.imported(NAME, [eid for _line, eid, _value in rows])
    errors = []
    for line, external_id, value in rows:
        key = (value["budget_id"], value["code"])
        if key in seen:
            errors.append((line, f"the code {value['code']} is already on line {seen[key]}"))
            continue
        seen[key] = line
        if external_id in imported:
            continue  # skipped when writing
        if value["code"] in existing_codes(context, value["budget_id"]):
            errors.append((line, f"the budget already has a project with the code {value['code']}"))
        frozen = frozen_reason(context, value["budget_id"])
        if frozen:
            errors.append((line, frozen))
    return errors


def existing_codes(context: api.ImportContext, budget_id: int) -> set[str]:
    key = f"codes:{budget_id}"
    if key not in context.cache:
        query = select(Project.code).where(Project.budget_id == budget_id)
        context.cache[key] = set(context.session.scalars(query))
    return context.cache[key]


def frozen_reason(context: api.ImportContext, budget_id: int) -> str | None:
    key = f"frozen:{budget_id}"
    if key not in context.cache:
        try:
            projects.guard(context.session, budgets_of(context)[budget_id])
            context.cache[key] = None
        except projects.FrozenError as error:
            context.cache[key] = str(error)
    return context.cache[key]


def write(context: api.ImportContext, rows: list[dict[str, Any]]) -> list[int]:
    """Through the plugin's own ``projects.create`` (positions, themes, action log)."""
    budgets = budgets_of(context)
    ids = []
    for row in rows:
        values = dict(row)
        budget = budgets[values.pop("budget_id")]
        ids.append(projects.create(context.session, budget, values).id)
    return ids


IMPORTER = api.Importer(
    name=NAME,
    label="Budget projects",
    required_columns=("code", "cost"),
    optional_columns=("budget", "address", "territory_code", "theme_codes"),
    parse=parse,
    write=write,
    check_batch=check_codes,
    component_type="budgets",
)
