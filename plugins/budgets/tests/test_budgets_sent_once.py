"""The admin's "new budget", "new project" and timeline entry forms sent twice (a double
click, the back button) make one budget, one project, one entry: their one-time token is
taken in the item's transaction (api.submissions, docs/forms.md "Sent once")."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pnyx.models import ActionLog
from pnyx.testing.submissions import sent_twice
from pnyx_budgets.models import Budget, Project, TimelineEntry

pytestmark = pytest.mark.pnyx_plugins("budgets")


def count(session: Session, model: type) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


def test_a_budget_form_sent_again_creates_one_budget(
    budget_form, budgets_client, budgets_admin_url, admin, session
) -> None:
    sent_twice(budgets_client, f"{budgets_admin_url}budgets/new", budget_form())
    assert count(session, Budget) == 1


def test_a_project_form_sent_again_creates_one_project(
    budgets_client, budgets_admin_url, admin, session, budgets_make_budget
) -> None:
    budget = budgets_make_budget()
    url = f"{budgets_admin_url}{budget.id}/projects/new"
    sent_twice(budgets_client, url, {"title.fr": "Parc", "cost": "1 250", "position": "0"})
    assert count(session, Project) == 1
    project = session.scalar(select(Project))
    edit = budgets_client.get(f"{budgets_admin_url}{budget.id}/projects/{project.id}/edit")
    assert 'name="submission_token"' not in edit.text


def test_a_timeline_entry_form_sent_again_adds_one_entry(
    budgets_client, budgets_admin_url, admin, session, winner
) -> None:
    url = f"{budgets_admin_url}{winner.budget_id}/projects/{winner.id}/follow-up"
    entry = {"form": "entry", "entry.day": "2026-03-01", "entry.title.fr": "Début des travaux"}
    sent_twice(budgets_client, url, entry)
    assert count(session, TimelineEntry) == 1


def test_a_follow_up_status_sent_again_writes_one_public_entry(
    budgets_client, budgets_admin_url, admin, session, winner
) -> None:
    url = f"{budgets_admin_url}{winner.budget_id}/projects/{winner.id}/follow-up"
    status = {"form": "status", "followup.follow_status": "in_progress", "followup.progress": "60"}
    sent_twice(budgets_client, url, status)
    updated = select(func.count()).where(ActionLog.action == "budgets.followup_updated")
    assert session.scalar(updated) == 1
