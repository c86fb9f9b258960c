"""Admin pages: the component's budgets — create, edit, delete, eligibility.

Mounted by the core at ``/admin/spaces/<space_slug>/budgets/<component_id>/``.
A budget's amount, ballot rules and outcome rule are frozen once a ballot
exists in it: the check runs under an exclusive lock on the budget's row,
which checkouts share, so a change and a first ballot never cross.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from pnyx import api
from pnyx_budgets import admin_stats, queries
from pnyx_budgets.locks import lock_budget
from pnyx_budgets.models import BUDGET_RESOURCE, Budget
from pnyx_budgets.money import to_major, to_minor
from pnyx_budgets.views.common import load_budget
from pnyx_budgets.views.forms import FROZEN_BUDGET_FIELDS, budget_schema

blueprint = Blueprint("budgets_admin", __name__)
Page = str | tuple[str, int] | Response
MONEY_FIELDS = ("amount", "min_total", "max_total")


@blueprint.get("/")
@api.requires(api.actions.ADMIN_SPACE)
def index() -> str:
    session = api.db_session()
    budgets = queries.budgets_of(session, api.current_component().id)
    figures = {b.id: admin_stats.budget_figures(session, b) for b in budgets}
    return render_template("budgets/admin/index.html", budgets=budgets, figures=figures)


def form_values(budget: Budget) -> dict[str, Any]:
    values = {name: getattr(budget, name) for name in (*FROZEN_BUDGET_FIELDS, "title")}
    values |= {"description": budget.description, "territory_id": budget.territory_id}
    values["position"] = budget.position
    for name in MONEY_FIELDS:
        amount = getattr(budget, name)
        values[name] = None if amount is None else to_major(amount, budget.currency)
    return values


def row_values(data: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """The form's values as column values (amounts in minor units), and errors."""
    values = dict(data)
    values["description"] = data.get("description") or {}
    errors = {}
    for name in MONEY_FIELDS:
        amount: Decimal | None = data.get(name)
        if amount is None:
            continue
        try:
            values[name] = to_minor(amount, data["currency"])
        except ValueError:
            errors[name] = api._("This currency has fewer decimals: round the amount.")
    return values, errors


def budget_form(budget: Budget | None = None) -> api.Form:
    schema = budget_schema()
    return api.Form(schema, form_values(budget) if budget else {"max_total": None})


def render_form(form: api.Form, budget: Budget | None, ballots: int = 0) -> str:
    return render_template(
        "budgets/admin/budget_form.html", form=form, budget=budget, ballots=ballots
    )


@blueprint.route("/budgets/new", methods=["GET", "POST"])
@api.requires(api.actions.ADMIN_SPACE)
def new_budget() -> Page:
    form = budget_form()
    if request.method == "GET":
        return render_form(form, None)
    if not form.validate(request.form):
        return render_form(form, None), 400
    values, errors = row_values(form.data)
    for name, message in errors.items():
        form.add_error(name, message)
    if errors:
        return render_form(form, None), 400
    session = api.db_session()
    api.submissions.claim()  # the form sent twice at once: one budget (docs/forms.md)
    budget = Budget(component_id=api.current_component().id, **values)
    session.add(budget)
    session.flush()
    api.submissions.made(url_for("budgets_admin.projects", budget_id=budget.id))
    api.log_action(
        session,
        "budgets.budget_created",
        resource=(BUDGET_RESOURCE, budget.id),
        component=api.current_component(),
    )
    session.commit()
    flash(api._("The budget is created."), "success")
    return redirect(url_for("budgets_admin.projects", budget_id=budget.id), 303)


@blueprint.route("/<int:budget_id>/edit", methods=["GET", "POST"])
@api.requires(api.actions.ADMIN_SPACE)
def edit_budget(budget_id: int) -> Page:
    budget = load_budget(budget_id)
    session = api.db_session()
    form = budget_form(budget)
    if request.method == "GET":
        return render_form(form, budget, queries.count_ballots(session, budget.id))
    if not form.validate(request.form):
        return render_form(form, budget, queries.count_ballots(session, budget.id)), 400
    values, errors = row_values(form.data)
    locked = lock_budget(session, budget.id, exclusive=True)
    assert locked is not None
    ballots = queries.count_ballots(session, budget.id)
    if ballots:
        frozen = api._("Ballots exist: this can no longer change.")
        errors |= {n: frozen for n in FROZEN_BUDGET_FIELDS if getattr(locked, n) != values.get(n)}
    if errors:
        session.rollback()
        for name, message in errors.items():
            form.add_error(name, message)
        return render_form(form, budget, ballots), 400
    for name, value in values.items():
        setattr(locked, name, value)
    api.log_action(
        session,
        "budgets.budget_updated",
        resource=(BUDGET_RESOURCE, budget.id),
        component=api.current_component(),
    )
    session.commit()
    flash(api._("The budget is saved."), "success")
    return redirect(url_for("budgets_admin.index"), 303)


@blueprint.route("/<int:budget_id>/delete", methods=["GET", "POST"])
@api.requires(api.actions.ADMIN_SPACE)
def delete_budget(budget_id: int) -> Page:
    budget = load_budget(budget_id)
    session = api.db_session()
    if request.method == "GET":
        return render_template(
            "budgets/admin/budget_delete.html",
            budget=budget,
            ballots=queries.count_ballots(session, budget.id),
        )
    locked = lock_budget(session, budget.id, exclusive=True)
    if queries.count_ballots(session, budget.id):
        session.rollback()
        flash(api._("Ballots exist in this budget: it cannot be deleted."), "error")
        return redirect(url_for("budgets_admin.index"), 303)
    api.log_action(
        session,
        "budgets.budget_deleted",
        resource=(BUDGET_RESOURCE, budget.id),
        component=api.current_component(),
    )
    session.delete(locked)
    session.commit()
    flash(api._("The budget is deleted."), "success")
    return redirect(url_for("budgets_admin.index"), 303)
