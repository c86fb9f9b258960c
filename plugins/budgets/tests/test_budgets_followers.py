"""Budgets and the core's notifications (issue 19): voters follow the budget they vote in and
hear its results; a project's followers hear of its progress."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from pnyx import api
from pnyx.models import Notification
from pnyx_budgets.models import SELECTED
from pnyx_budgets.testing import step_settings

pytestmark = pytest.mark.pnyx_plugins("budgets")


def kinds_of(session, user) -> list[str]:
    session.commit()
    query = select(Notification.kind).where(Notification.user_id == user.id)
    return list(session.scalars(query.order_by(Notification.id)))


def test_voters_follow_the_budget_and_hear_its_results(
    budgets_client,
    budgets_url,
    budgets_admin_url,
    make_user,
    session,
    budgets_component,
    budgets_make_budget,
    budgets_make_project,
):
    budget = budgets_make_budget(amount=100_000, max_total=100_000, rule="greedy")
    park = budgets_make_project(budget, cost=60_000, title="Park")
    voter, bystander = make_user(), make_user()
    budgets_client.sign_in(voter)
    budgets_client.post_form(f"{budgets_url}{budget.id}/ballot/add", data={"project_id": park.id})
    budgets_client.post_form(f"{budgets_url}{budget.id}/ballot/checkout")
    assert api.following(voter, ("budgets_budget", budget.id)).reason == "voted"
    assert "because you voted" in budgets_client.get(f"{budgets_url}{budget.id}/").text
    # "My activity" says that they voted, never for what
    activity = budgets_client.get("/account/activity").text
    assert "Voted in" in activity and "Park" not in activity

    step_settings(
        budgets_component, votes_enabled=False, votes_finished=True, results_published=True
    )
    session.commit()
    budgets_client.sign_in(make_user(roles=["admin"]))
    budgets_client.post_form(f"{budgets_admin_url}{budget.id}/outcome/compute")
    budgets_client.post_form(
        f"{budgets_admin_url}{budget.id}/outcome/publish", {"confirmed": "yes"}
    )
    assert kinds_of(session, voter) == ["budgets.outcome_published"]
    assert kinds_of(session, bystander) == []


def test_project_followers_hear_of_its_progress(
    budgets_client,
    budgets_admin_url,
    make_user,
    session,
    budgets_make_budget,
    budgets_make_project,
    budgets_component,
):
    project = budgets_make_project(budgets_make_budget(), title="Footbridge", selection=SELECTED)
    follower = make_user()
    api.follow(follower, ("budgets_project", project.id), component=budgets_component)
    session.commit()
    budgets_client.sign_in(make_user(roles=["admin"]))
    url = f"{budgets_admin_url}{project.budget_id}/projects/{project.id}/follow-up"
    budgets_client.post_form(
        url,
        data={"form": "status", "followup.follow_status": "in_progress", "followup.progress": "60"},
    )
    assert kinds_of(session, follower) == ["budgets.progress_changed"]
    note = session.scalar(select(Notification))
    assert note.title["en"] == "Footbridge" or "Footbridge" in note.title.values()
    assert "60" in note.detail["en"] and note.url.endswith(f"/projects/{project.id}")
