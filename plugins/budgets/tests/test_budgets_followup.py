"""Follow-up of the selected projects: staff edit it, everyone reads it, followers hear of it."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from sqlalchemy import select

from pnyx.testing import install_plugins
from pnyx_budgets.models import TimelineEntry


@pytest.fixture
def pnyx_plugins(monkeypatch):
    install_plugins(
        monkeypatch, {"budgets_listener": "budgets_listener"}, path=Path(__file__).parent
    )
    return ["budgets", "budgets_listener"]


@pytest.fixture
def received(pnyx_plugins):
    events = importlib.import_module("budgets_listener").RECEIVED
    events.clear()
    return events


def test_staff_update_progress_and_followers_hear_of_it(
    budgets_client, budgets_url, budgets_admin_url, make_user, session, winner, received
):
    budgets_client.sign_in(make_user(roles=["admin"]))
    url = f"{budgets_admin_url}{winner.budget_id}/projects/{winner.id}/follow-up"
    assert budgets_client.get(url).status_code == 200
    wrong = budgets_client.post_form(url, data={"form": "status", "followup.progress": "140"})
    assert wrong.status_code == 400 and 'value="140"' in wrong.text
    saved = budgets_client.post_form(
        url,
        data={"form": "status", "followup.follow_status": "in_progress", "followup.progress": "60"},
    )
    assert saved.status_code == 303
    (event,) = [e for e in received if e.name == "budgets.progress_changed"]
    assert event.payload["project_id"] == winner.id and event.payload["progress"] == 60
    entry = budgets_client.post_form(
        url,
        data={"form": "entry", "entry.day": "2026-03-01", "entry.title.fr": "Début des travaux"},
    )
    assert entry.status_code == 303
    assert session.scalar(select(TimelineEntry)).title == {"fr": "Début des travaux"}

    public = budgets_client.get(f"{budgets_url}{winner.budget_id}/follow-up").text
    assert "Footbridge" in public and '<progress id="progress-' in public and 'value="60"' in public
    assert "Début des travaux" in public


def test_unchanged_progress_publishes_nothing(
    budgets_client, budgets_admin_url, make_user, winner, received
):
    budgets_client.sign_in(make_user(roles=["admin"]))
    url = f"{budgets_admin_url}{winner.budget_id}/projects/{winner.id}/follow-up"
    saved = budgets_client.post_form(
        url,
        data={"form": "status", "followup.follow_status": "cancelled", "followup.progress": "0"},
    )
    assert saved.status_code == 303
    assert not [e for e in received if e.name == "budgets.progress_changed"]


@pytest.mark.parametrize(
    ("status", "progress", "message"),
    [
        ("not_started", "10", "A project not started is at 0%"),
        ("done", "80", "A project done is at 100%"),
    ],
)
def test_a_status_and_a_progress_that_contradict_are_refused(
    budgets_client,
    budgets_admin_url,
    make_user,
    session,
    winner,
    received,
    status,
    progress,
    message,
):
    """« Not started » at 10 % would tell residents two stories; what was typed comes back."""
    budgets_client.sign_in(make_user(roles=["admin"]))
    url = f"{budgets_admin_url}{winner.budget_id}/projects/{winner.id}/follow-up"
    sent = {"form": "status", "followup.follow_status": status, "followup.progress": progress}
    refused = budgets_client.post_form(url, data=sent)
    assert refused.status_code == 400
    assert message in refused.text and f'value="{progress}"' in refused.text
    session.refresh(winner)
    assert winner.progress == 0 and winner.follow_status == "not_started"
    assert not received
