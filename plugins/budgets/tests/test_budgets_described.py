"""Projects named on other plugins' pages ("Linked to" on a proposal) are described only to
people who may see the project's space (docs/resource-links.md)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask, g
from sqlalchemy.orm import Session

from pnyx import api

pytestmark = pytest.mark.pnyx_plugins("budgets")


def test_a_project_of_a_private_space_is_described_to_its_members_only(
    app: Flask,
    session: Session,
    budgets_component: api.Component,
    budgets_make_budget: Callable[..., Any],
    budgets_make_project: Callable[..., Any],
    make_user: Callable[..., api.User],
) -> None:
    """A public proposal's page named a project of a private space to everyone."""
    project = budgets_make_project(budgets_make_budget(), title="Secret garden")
    budgets_component.space.private = True
    member = make_user(space_roles={budgets_component.space: "admin"})
    session.commit()
    with app.test_request_context("/"):
        assert api.links.describe(session, "budgets_project", [project.id]) == {}
        g.user = member
        assert list(api.links.describe(session, "budgets_project", [project.id])) == [project.id]
