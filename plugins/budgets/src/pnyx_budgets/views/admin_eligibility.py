"""Admin: who may vote in one budget (its own verifications).

Stored in ``Budget.permissions`` with the shape of ``Component.permissions``,
so the core's permission engine checks them after the component's
(``docs/verification.md``). This page writes the core handlers' requirements
(``birth_date``, ``residence``, ``census``); requirements of other handlers
are kept as they are.
"""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, url_for
from marshmallow import Schema, ValidationError, fields, validates_schema

from pnyx import api
from pnyx_budgets.eligibility import VOTE
from pnyx_budgets.models import BUDGET_RESOURCE, Budget
from pnyx_budgets.views.admin import Page, blueprint
from pnyx_budgets.views.common import load_budget
from pnyx_budgets.views.forms import optional_int

MANAGED = ("birth_date", "residence", "census")


def eligibility_schema() -> type[Schema]:
    class EligibilitySchema(Schema):
        minimum_age = optional_int(api._l("Minimum age"), api._l("Empty: no minimum."))
        maximum_age = optional_int(
            api._l("Maximum age"), api._l("For people under 18, write 17. Empty: no maximum.")
        )
        territories_allowed = api.term_field(
            "territory",
            api._l("Residents of"),
            many=True,
            description=api._l("A territory includes those under it. None: everyone."),
        )
        census = fields.Boolean(
            load_default=False, metadata={"label": api._l("Listed in the census")}
        )

        @validates_schema
        def ordered(self, data: dict[str, Any], **_kwargs: Any) -> None:
            low, high = data.get("minimum_age"), data.get("maximum_age")
            if low is not None and high is not None and low > high:
                raise ValidationError(
                    api._("The maximum age must not be below the minimum age."), "maximum_age"
                )

    return EligibilitySchema


def stored(budget: Budget) -> list[dict[str, Any]]:
    entry = (budget.permissions or {}).get(VOTE) or {}
    return [dict(r) for r in entry.get("authorizations") or [] if isinstance(r, dict)]


def values_of(budget: Budget) -> dict[str, Any]:
    values: dict[str, Any] = {"territories_allowed": [], "census": False}
    for requirement in stored(budget):
        options = requirement.get("options") or {}
        if requirement.get("handler") == "birth_date":
            values["minimum_age"] = options.get("minimum_age")
            values["maximum_age"] = options.get("maximum_age")
        elif requirement.get("handler") == "residence":
            values["territories_allowed"] = list(options.get("territories") or [])
        elif requirement.get("handler") == "census":
            values["census"] = True
    return values


def requirements_from(data: dict[str, Any]) -> list[dict[str, Any]]:
    found = []
    if data.get("minimum_age") is not None or data.get("maximum_age") is not None:
        options = {"minimum_age": data.get("minimum_age"), "maximum_age": data.get("maximum_age")}
        found.append({"handler": "birth_date", "options": options})
    if data.get("territories_allowed"):
        found.append(
            {"handler": "residence", "options": {"territories": data["territories_allowed"]}}
        )
    if data.get("census"):
        found.append({"handler": "census", "options": {}})
    return found


@blueprint.route("/<int:budget_id>/eligibility", methods=["GET", "POST"])
@api.requires(api.actions.ADMIN_SPACE)
def eligibility(budget_id: int) -> Page:
    budget = load_budget(budget_id)
    schema = eligibility_schema()
    form = api.Form(schema, values_of(budget))
    if request.method == "POST":
        if not form.validate(request.form):
            return render_template("budgets/admin/eligibility.html", budget=budget, form=form), 400
        kept = [r for r in stored(budget) if r.get("handler") not in MANAGED]
        requirements = requirements_from(form.data) + kept
        permissions = dict(budget.permissions or {})
        entry = dict(permissions.get(VOTE) or {})
        entry["authorizations"] = requirements
        permissions[VOTE] = entry
        budget.permissions = permissions
        session = api.db_session()
        api.log_action(
            session,
            "budgets.eligibility_changed",
            resource=(BUDGET_RESOURCE, budget.id),
            component=api.current_component(),
            extra={"handlers": [r["handler"] for r in requirements]},
        )
        session.commit()
        flash(api._("Who may vote in this budget is saved."), "success")
        return redirect(url_for("budgets_admin.index"), 303)
    return render_template("budgets/admin/eligibility.html", budget=budget, form=form)
