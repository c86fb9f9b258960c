"""Counts stay hidden until voting closes; then the outcome is computed, published for
good, and anyone can check it: certificate, anonymised ballots, receipt codes."""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import pytest
from sqlalchemy import select

from pnyx.testing import install_plugins
from pnyx_budgets.models import NOT_SELECTED, SELECTED, Ballot, Outcome, Project
from pnyx_budgets.outcomes.certificate import verify_certificate
from pnyx_budgets.outcomes.pabulib import parse_pb
from pnyx_budgets.testing import step_settings


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


@pytest.fixture
def election(budgets_client, budgets_url, make_user, budgets_make_budget, budgets_make_project):
    """A Method of Equal Shares budget of 1 000 € and four voters who cast ballots."""
    budget = budgets_make_budget(amount=100_000, max_total=100_000, rule="mes-add1")
    park = budgets_make_project(budget, cost=60_000, title="Park")
    bikes = budgets_make_project(budget, cost=30_000, title="Bike racks")
    pool = budgets_make_project(budget, cost=90_000, title="Pool")
    voters = []
    for chosen in ((park, bikes), (park,), (bikes,), (pool,)):
        voter = make_user()
        budgets_client.sign_in(voter)
        for project in chosen:
            budgets_client.post_form(
                f"{budgets_url}{budget.id}/ballot/add", data={"project_id": project.id}
            )
        assert (
            budgets_client.post_form(f"{budgets_url}{budget.id}/ballot/checkout").status_code == 303
        )
        voters.append(voter)
    return budget, (park, bikes, pool), voters


def close_voting(session, component):
    step_settings(
        component, votes_enabled=False, votes_finished=True, show_votes=True, results_published=True
    )
    session.commit()


def test_nobody_sees_counts_while_voting_is_open(
    budgets_client, budgets_url, budgets_admin_url, make_user, session, budgets_component, election
):
    budget, _projects, _voters = election
    step_settings(budgets_component, show_votes=True, results_published=True)
    session.commit()
    budgets_client.sign_in(make_user(roles=["admin"]))
    listing = budgets_client.get(f"{budgets_url}{budget.id}/").text
    assert "2 votes" not in listing and "1 vote" not in listing
    assert "not published yet" in budgets_client.get(f"{budgets_url}{budget.id}/results").text
    assert (
        budgets_client.get(f"{budgets_url}{budget.id}/results/certificate.json").status_code == 404
    )
    assert budgets_client.get(f"{budgets_url}{budget.id}/results/ballots.pb").status_code == 404
    assert (
        budgets_client.get(f"{budgets_admin_url}{budget.id}/exports/ballots.csv").status_code == 404
    )
    budgets_client.post_form(f"{budgets_admin_url}{budget.id}/outcome/compute")
    assert session.scalar(select(Outcome)) is None
    page = budgets_client.get(f"{budgets_admin_url}{budget.id}/outcome").text
    assert "Close voting first" in page


def test_outcome_published_and_checkable(
    budgets_client,
    budgets_url,
    budgets_admin_url,
    make_user,
    session,
    budgets_component,
    election,
    received,
):
    budget, (park, bikes, pool), voters = election
    close_voting(session, budgets_component)
    budgets_client.sign_in(make_user(roles=["admin"]))
    assert (
        budgets_client.post_form(f"{budgets_admin_url}{budget.id}/outcome/compute").status_code
        == 303
    )
    row = session.scalar(select(Outcome))
    assert row.published_at is None and row.ballots_count == 4
    # computed, not published: still nothing public
    assert "not published yet" in budgets_client.get(f"{budgets_url}{budget.id}/results").text
    publish_url = f"{budgets_admin_url}{budget.id}/outcome/publish"
    asked = budgets_client.post_form(publish_url)  # issue 10 item 2: it asks first
    assert asked.status_code == 200 and "it can no longer be computed again" in asked.text
    session.refresh(row)
    assert row.published_at is None
    budgets_client.post_form(publish_url, {"confirmed": "yes"})
    session.refresh(row)
    assert row.published_at is not None
    assert row.rule == "mes-add1" and row.summary["winners"] == [bikes.id, park.id]
    assert {p.id: p.selection for p in session.scalars(select(Project))} == {
        park.id: SELECTED,
        bikes.id: SELECTED,
        pool.id: NOT_SELECTED,
    }
    selected = [e for e in received if e.name == "budgets.project_selected"]
    assert sorted(e.payload["project_id"] for e in selected) == sorted([park.id, bikes.id])

    results = budgets_client.get(f"{budgets_url}{budget.id}/results").text
    assert "Park" in results and "Share of the budget used" in results and "<dd>90%</dd>" in results
    assert "What it lacked" in results

    certificate = json.loads(
        budgets_client.get(f"{budgets_url}{budget.id}/results/certificate.json").data
    )
    pb = budgets_client.get(f"{budgets_url}{budget.id}/results/ballots.pb").text
    assert verify_certificate(certificate, parse_pb(pb)) == []
    assert certificate["ballots_digest"] == row.ballots_digest
    codes = session.scalars(select(Ballot.receipt_code)).all()
    assert all(code not in pb for code in codes) and all(v.email not in pb for v in voters)

    again = budgets_client.post_form(f"{budgets_admin_url}{budget.id}/outcome/compute")
    assert again.status_code == 303
    session.refresh(row)
    assert row.summary["winners"] == [bikes.id, park.id]


def test_voters_check_their_ballot_and_read_their_share(
    budgets_client, budgets_url, budgets_admin_url, make_user, session, budgets_component, election
):
    budget, _projects, voters = election
    close_voting(session, budgets_component)
    budgets_client.sign_in(make_user(roles=["admin"]))
    budgets_client.post_form(f"{budgets_admin_url}{budget.id}/outcome/compute")
    budgets_client.post_form(
        f"{budgets_admin_url}{budget.id}/outcome/publish", {"confirmed": "yes"}
    )
    budgets_client.sign_in(voters[3])  # chose the pool only
    receipt = budgets_client.get(f"{budgets_url}{budget.id}/receipt").text
    # Add1 raised every share to 899 €: one more euro and the pool would overspend
    assert "yours was €899.00" in receipt
    assert "Pool was not funded: its supporters lacked €1.00" in receipt

    code = session.scalar(select(Ballot.receipt_code).where(Ballot.voter_id == voters[3].id))
    found = budgets_client.get(
        f"{budgets_url}{budget.id}/results/check", query_string={"code": code.lower()}
    )
    assert (
        found.status_code == 200
        and "Your ballot was counted" in found.text
        and "Pool" in found.text
    )
    wrong = budgets_client.get(
        f"{budgets_url}{budget.id}/results/check", query_string={"code": "AAAA"}
    )
    assert wrong.status_code == 400 and 'aria-invalid="true"' in wrong.text
    # the ballots are final once counted
    refused = budgets_client.post_form(f"{budgets_url}{budget.id}/ballot/change")
    assert refused.status_code in (303, 403)
    assert session.scalars(select(Ballot.status).where(Ballot.voter_id == voters[3].id)).all() == [
        "cast"
    ]
