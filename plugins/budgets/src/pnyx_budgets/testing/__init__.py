"""Pytest fixtures for testing with the budgets plugin (registered as the ``pytest11``
plugin ``pnyx_budgets``, like the core's kit): a component with its vote open,
budgets, projects, and a client reading English.

Every fixture is named ``budgets_*``. Nothing is imported from the plugin until
a fixture is used, so installing the plugin changes nothing for other tests.
Mark the tests that use them ``@pytest.mark.pnyx_plugins("budgets")``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy.orm import Session

OPEN = {"votes_enabled": True}
CLOSED = {"votes_finished": True, "show_votes": True, "results_published": True}


def step_settings(component: Any, **values: Any) -> None:
    """Set the active step's settings of ``component`` (the caller commits)."""
    active = next(step for step in component.space.steps if step.active)
    settings = dict(component.settings)
    steps = dict(settings.get("steps") or {})
    steps[str(active.id)] = {**steps.get(str(active.id), {}), **values}
    settings["steps"] = steps
    component.settings = settings


@pytest.fixture
def budgets_component(make_component: Callable[..., Any]) -> Any:
    """A published budgets component whose active phase has voting open; votes in every
    budget allowed, ballots may be changed."""

    def make() -> Any:
        return make_component(
            "budgets",
            settings={"global": {"ballot_changes_allowed": True}, "default_step": OPEN},
        )

    return make()


@pytest.fixture
def budgets_make_budget(session: Session, budgets_component: Any) -> Callable[..., Any]:
    """``budgets_make_budget(amount=100_000, **fields)``: a budget (amounts in cents)."""
    from pnyx_budgets.models import Budget

    def make(**fields: Any) -> Any:
        fields.setdefault("title", {"en": "Town budget", "fr": "Budget de la ville"})
        fields.setdefault("amount", 100_000)
        fields.setdefault("max_total", fields["amount"])
        component = fields.pop("component", budgets_component)
        budget = Budget(component_id=component.id, **fields)
        session.add(budget)
        session.commit()
        return budget

    return make


@pytest.fixture
def budgets_make_project(session: Session) -> Callable[..., Any]:
    """``budgets_make_project(budget, cost=20_000, title="Park", **fields)``."""
    from pnyx_budgets.models import Project

    def make(budget: Any, cost: int = 20_000, title: str = "Project", **fields: Any) -> Any:
        project = Project(
            budget_id=budget.id, cost=cost, title={"en": title, "fr": f"{title} (fr)"}, **fields
        )
        session.add(project)
        session.commit()
        return project

    return make


@pytest.fixture
def budgets_url(budgets_component: Any) -> str:
    """The component's public address, ending with ``/``."""
    return f"/spaces/{budgets_component.space.slug}/budgets/{budgets_component.id}/"


@pytest.fixture
def budgets_admin_url(budgets_component: Any) -> str:
    return f"/admin/spaces/{budgets_component.space.slug}/budgets/{budgets_component.id}/"


@pytest.fixture
def budgets_client(client: Any) -> Any:
    """The kit's client, reading in English (the test organization speaks French first)."""
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client
