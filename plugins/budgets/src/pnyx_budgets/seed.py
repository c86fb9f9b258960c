"""Demo content for ``pnyx demo``: a Touraine-like vote, and last year's results.

The seeded component holds two budgets open during the space's active phase:
the youth budget requires a birth date showing 17 or under
(``birth_date`` with ``maximum_age: 17``), the other is for everyone; every
person may vote in each budget they are eligible for. Anonymous ballots are
already cast, so closing the vote and computing shows results at once.

A second component, "Participatory budget 2025", shows a finished edition:
its outcome (Method of Equal Shares) is published, and its winners are
followed up with progress and a timeline.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx_budgets import counting, receipts
from pnyx_budgets.demographics import BRACKETS
from pnyx_budgets.models import CAST, SELECTED, Ballot, BallotItem, Budget, Project, TimelineEntry
from pnyx_budgets.seed_data import (
    COMMUNES,
    DEPARTMENT,
    EVERYONE,
    EVERYONE_PROJECTS,
    PAST,
    PAST_FOLLOW_UP,
    PAST_PROJECTS,
    THEMES,
    YOUTH,
    YOUTH_PROJECTS,
)

CENTS = 100
YOUTH_ONLY = {
    "budgets.vote": {
        "authorizations": [
            {"handler": "birth_date", "options": {"minimum_age": None, "maximum_age": 17}}
        ]
    }
}


def seed(session: Session, component: api.Component) -> None:
    """Fill ``component`` with the open vote and add last year's edition (caller commits)."""
    communes, themes = taxonomy(session)
    component.settings = vote_settings(component)
    youth = add_budget(session, component, YOUTH, YOUTH_ONLY, 0)
    everyone = add_budget(session, component, EVERYONE, {}, 1)
    rng = random.Random(37)
    add_projects(session, youth, YOUTH_PROJECTS, communes, themes)
    add_projects(session, everyone, EVERYONE_PROJECTS, communes, themes)
    cast_ballots(session, youth, 45, rng, communes, youth_only=True)
    cast_ballots(session, everyone, 140, rng, communes, youth_only=False)
    seed_past_edition(session, component, communes, themes, rng)


def taxonomy(session: Session) -> tuple[dict[str, api.TaxonomyTerm], dict[str, api.TaxonomyTerm]]:
    """The département, its communes and the themes, created where missing."""

    def term(kind: str, code: str, name: dict[str, str], parent: Any = None) -> Any:
        query = select(api.TaxonomyTerm).where(
            api.TaxonomyTerm.kind == kind, api.TaxonomyTerm.code == code
        )
        found = session.scalar(query)
        if found is None:
            found = api.TaxonomyTerm(kind=kind, code=code, name=name, parent_id=parent)
            session.add(found)
            session.flush()
        return found

    department = term("territory", DEPARTMENT[0], {"fr": DEPARTMENT[1]})
    communes = {c: term("territory", c, {"fr": n}, department.id) for c, n in COMMUNES}
    themes = {c: term("theme", c, {"fr": fr, "en": en}) for c, fr, en in THEMES}
    return communes, themes


def vote_settings(component: api.Component) -> dict[str, Any]:
    """Voting during the active phase; closed with results shown in the later ones."""
    steps = sorted(component.space.steps, key=lambda step: step.position)
    active = next((s.position for s in steps if s.active), None)
    per_step = {}
    for step in steps:
        if step.position == active:
            per_step[str(step.id)] = {"votes_enabled": True}
        elif active is not None and step.position > active:
            per_step[str(step.id)] = {
                "votes_finished": True,
                "show_votes": True,
                "results_published": True,
            }
    return {
        "global": {"voting_rule": "all", "ballot_changes_allowed": True},
        "default_step": {},
        "steps": per_step,
    }


def add_budget(
    session: Session, component: api.Component, data: dict[str, Any], rules: dict, position: int
) -> Budget:
    amount = data["amount"] * CENTS
    budget = Budget(
        component_id=component.id,
        position=position,
        title=data["title"],
        description=data["description"],
        amount=amount,
        max_total=amount,
        min_projects=1,
        rule=data["rule"],
        seed="touraine-2026",
        permissions=rules,
    )
    session.add(budget)
    session.flush()
    return budget


def add_projects(
    session: Session,
    budget: Budget,
    rows: tuple,
    communes: dict[str, api.TaxonomyTerm],
    themes: dict[str, api.TaxonomyTerm],
) -> list[Project]:
    projects = []
    for position, (code, fr, en, euros, commune, theme_codes, address) in enumerate(rows):
        project = Project(
            budget_id=budget.id,
            code=f"touraine-{code}",
            title={"fr": fr, "en": en},
            description={
                "fr": f"{fr} : un projet proposé par des habitants de la commune.",
                "en": f"{en}: a project proposed by residents of the commune.",
            },
            cost=euros * CENTS,
            territory_id=communes[commune].id,
            address=address,
            position=position,
        )
        project.themes = [themes[t] for t in theme_codes.split(",")]
        session.add(project)
        projects.append(project)
    session.flush()
    return projects


def cast_ballots(
    session: Session,
    budget: Budget,
    count: int,
    rng: random.Random,
    communes: dict[str, api.TaxonomyTerm],
    *,
    youth_only: bool,
) -> None:
    """Anonymous cast ballots within the budget's limit, some projects more popular."""
    projects = list(session.scalars(select(Project).where(Project.budget_id == budget.id)))
    weights = [1 + (index * 7) % 5 for index in range(len(projects))]
    brackets = [BRACKETS[0][1]] if youth_only else [name for _u, name in BRACKETS[1:]] + ["65+"]
    now = api.utcnow()
    for _ in range(count):
        chosen, spent = [], 0
        for project in rng.choices(projects, weights=weights, k=len(projects)):
            if project not in chosen and spent + project.cost <= budget.amount:
                chosen.append(project)
                spent += project.cost
            if len(chosen) >= rng.randint(1, 4):
                break
        ballot = Ballot(
            budget_id=budget.id,
            status=CAST,
            receipt_code=receipts.new_code(),
            cast_at=now - dt.timedelta(minutes=rng.randint(1, 5000)),
            age_bracket=rng.choice(brackets),
            territory_id=rng.choice(list(communes.values())).id,
        )
        ballot.items = [BallotItem(project_id=p.id, position=i) for i, p in enumerate(chosen)]
        session.add(ballot)
    session.flush()


def seed_past_edition(
    session: Session,
    component: api.Component,
    communes: dict[str, api.TaxonomyTerm],
    themes: dict[str, api.TaxonomyTerm],
    rng: random.Random,
) -> None:
    """Last year's component: voting closed, outcome published, winners followed up."""
    past = api.Component(
        space_id=component.space_id,
        type="budgets",
        name={"fr": "Budget participatif 2025", "en": "Participatory budget 2025"},
        weight=component.weight + 1,
        published=True,
        settings={
            "global": {"voting_rule": "all"},
            "default_step": {
                "votes_finished": True,
                "show_votes": True,
                "results_published": True,
            },
            "steps": {},
        },
    )
    session.add(past)
    session.flush()
    budget = add_budget(session, past, PAST, {}, 0)
    add_projects(session, budget, PAST_PROJECTS, communes, themes)
    cast_ballots(session, budget, 160, rng, communes, youth_only=False)
    counting.compute(session, budget)
    counting.publish(session, budget)
    follow_up(session, budget)


def follow_up(session: Session, budget: Budget) -> None:
    winners = session.scalars(
        select(Project)
        .where(Project.budget_id == budget.id, Project.selection == SELECTED)
        .order_by(Project.position)
    )
    today = api.utcnow().date()
    for project, (status, progress, entries) in zip(winners, PAST_FOLLOW_UP, strict=False):
        project.follow_status, project.progress = status, progress
        for days, fr, en in entries:
            day = today - dt.timedelta(days=days)
            session.add(TimelineEntry(project_id=project.id, day=day, title={"fr": fr, "en": en}))
    session.flush()
