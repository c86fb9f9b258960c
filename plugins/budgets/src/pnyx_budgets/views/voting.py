"""Choosing projects on a ballot kept on the server: add, remove, points, ranks.

Each change is a plain form (POST → redirect → GET); the server checks the
budget's rules on every change and answers a refused one with the ballot
page (status 400) and a message that says what to change.
"""

from __future__ import annotations

import functools
import re

from flask import abort, redirect, render_template, request, url_for
from sqlalchemy import Select, bindparam, select
from werkzeug.wrappers import Response

from pnyx import api
from pnyx_budgets import ballots, eligibility
from pnyx_budgets.models import Budget, Project
from pnyx_budgets.views.common import load_budget, panel, template_context
from pnyx_budgets.views.public import blueprint

VOTE = eligibility.VOTE
MAX_IDS = 500
"""At most this many projects are added by one request (a bound on the work of a form)."""
ANCHOR = re.compile(r"[A-Za-z][\w-]{0,80}", re.ASCII)
Page = str | tuple[str, int] | Response


def back_to(budget: Budget, anchor: str | None = None) -> str:
    """Where to go after a change: the page the form was on (same site only)."""
    default = url_for("budgets.ballot", budget_id=budget.id)
    target = api.safe_next(request.form.get("next"), default)
    # The anchor comes from the form too: only an element id (never a line break in Location).
    return f"{target}#{anchor}" if anchor and ANCHOR.fullmatch(anchor) else target


def refused(budget: Budget, decision: api.Decision) -> tuple[str, int]:
    """The budget's own verifications refuse: say why, and how to become eligible."""
    page = render_template("budgets/refused.html", **template_context(budget), decision=decision)
    return page, 403


def ballot_page(budget: Budget, *, error: str | None = None, status: int = 200, **extra) -> Page:
    page = render_template(
        "budgets/ballot.html",
        **template_context(budget),
        panel=panel(budget),
        error=error,
        **extra,
    )
    return page, status


def change(budget_id: int, apply) -> Page:  # type: ignore[no-untyped-def]
    """Run one ballot change for the signed-in voter, then commit or explain."""
    budget = load_budget(budget_id)
    user = api.current_user()
    assert user is not None  # budgets.vote is for signed-in people
    decision = eligibility.decision(user, budget)
    if not decision:
        return refused(budget, decision)
    session = api.db_session()
    problem = apply(session, budget, user)
    if problem:
        session.rollback()
        return ballot_page(budget, error=problem, status=400)
    session.commit()
    return redirect(back_to(budget, request.form.get("anchor")), 303)


def posted_int(name: str) -> int:
    return api.as_int(request.form.get(name)) or 0


@blueprint.post("/<int:budget_id>/ballot/add")
@api.requires(VOTE)
def add(budget_id: int) -> Page:
    """Add one project, or several at once (``project_id`` repeated: the checkboxes)."""
    wanted = posted_ids("project_id")

    def apply(session, budget, user):  # type: ignore[no-untyped-def]
        values = {"ids": wanted, "budget_id": budget.id}
        found = {row.id: row for row in session.execute(_priced_projects(), values)}
        if not wanted or len(found) != len(wanted):
            abort(404)
        return ballots.add_many(session, budget, [found[i] for i in wanted], user)

    return change(budget_id, apply)


@functools.cache
def _priced_projects() -> Select:
    """The two columns adding reads, not whole projects; built once."""
    return select(Project.id, Project.cost).where(
        Project.id.in_(bindparam("ids", expanding=True)),
        Project.budget_id == bindparam("budget_id"),
    )


def posted_ids(name: str) -> list[int]:
    """Distinct whole numbers posted under ``name``, in their order (at most ``MAX_IDS``)."""
    values = request.form.getlist(name)
    if len(values) > MAX_IDS:
        abort(400)
    ids = [api.as_int(value) for value in values]
    if any(i is None for i in ids):
        abort(404)
    return list(dict.fromkeys(ids))  # type: ignore[arg-type]


@blueprint.post("/<int:budget_id>/ballot/remove")
@api.requires(VOTE)
def remove(budget_id: int) -> Page:
    def apply(session, budget, user):  # type: ignore[no-untyped-def]
        return ballots.remove(session, budget, posted_int("project_id"), user)

    return change(budget_id, apply)


@blueprint.post("/<int:budget_id>/ballot/move")
@api.requires(VOTE)
def move(budget_id: int) -> Page:
    offset = -1 if request.form.get("direction") == "up" else 1

    def apply(session, budget, user):  # type: ignore[no-untyped-def]
        return ballots.move(session, budget, posted_int("project_id"), user, offset)

    return change(budget_id, apply)


@blueprint.post("/<int:budget_id>/ballot/points")
@api.requires(VOTE)
def points(budget_id: int) -> Page:
    """Points of one project on a cumulative ballot; an error stays next to its field."""
    budget = load_budget(budget_id)
    user = api.current_user()
    assert user is not None
    decision = eligibility.decision(user, budget)
    if not decision:
        return refused(budget, decision)
    project_id = posted_int("project_id")
    typed = request.form.get("points", "").strip()
    session = api.db_session()
    points = api.as_int(typed, minimum=0)
    if points is not None:
        problem = ballots.set_points(session, budget, project_id, user, points)
    else:
        problem = api._("Enter a whole number of points, such as 2 (0 takes the project off).")
    if problem:
        session.rollback()
        return ballot_page(
            budget, status=400, field_error=problem, field_project=project_id, field_value=typed
        )
    session.commit()
    return redirect(back_to(budget, f"line-{project_id}"), 303)


@blueprint.get("/<int:budget_id>/ballot")
@api.requires(api.actions.VIEW)
def ballot(budget_id: int) -> Page:
    return ballot_page(load_budget(budget_id))
