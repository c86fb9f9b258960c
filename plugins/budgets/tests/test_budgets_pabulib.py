"""Replaying real elections: ``pnyx budgets import-pabulib``, then counting them in Pnyx
gives the official winners, and the exported ballots are the source's ballots."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from pnyx_budgets.models import Ballot, Budget, Outcome, Project
from pnyx_budgets.outcomes.certificate import ballots_digest, verify_certificate
from pnyx_budgets.outcomes.pabulib import parse_pb, read_pb
from pnyx_budgets.testing import CLOSED, step_settings

pytestmark = pytest.mark.pnyx_plugins("budgets")
DATA = Path(__file__).parent / "data"


def import_file(cli_runner, component, name: str) -> Budget:
    result = cli_runner.invoke(
        args=["budgets", "import-pabulib", str(DATA / name), "--space", component.space.slug]
    )
    assert result.exit_code == 0, result.output
    assert "ballots" in result.output


def count(client, admin_url, session, budget) -> Outcome:
    assert client.post_form(f"{admin_url}{budget.id}/outcome/compute").status_code == 303
    return session.scalar(select(Outcome).where(Outcome.budget_id == budget.id))


@pytest.fixture
def closed_admin(budgets_client, make_user, session, budgets_component):
    step_settings(budgets_component, votes_enabled=False, **CLOSED)
    session.commit()
    budgets_client.sign_in(make_user(roles=["admin"]))
    return budgets_client


def test_assen_2024_replayed_gives_the_official_winners(
    cli_runner, closed_admin, budgets_admin_url, session, budgets_component
):
    import_file(cli_runner, budgets_component, "Netherlands_Assen_2024.pb")
    source = read_pb(DATA / "Netherlands_Assen_2024.pb")
    budget = session.scalar(select(Budget))
    assert (budget.amount, budget.currency, budget.rule, budget.min_projects) == (
        10_000_000,
        "EUR",
        "mes-add1",
        2,
    )
    assert session.scalar(select(func.count()).select_from(Project)) == len(source.projects)
    assert session.scalar(select(func.count()).select_from(Ballot)) == len(source.ballots)

    outcome = count(closed_admin, budgets_admin_url, session, budget)
    codes = dict(session.execute(select(Project.id, Project.code)).all())
    winners = {codes[pid] for pid in outcome.summary["winners"]}
    assert winners == {pid for pid, p in source.projects.items() if p.selected == 1}
    # the ballots counted are the source's ballots, and the export checks out
    assert outcome.ballots_digest == ballots_digest(source)
    exported = closed_admin.get(f"{budgets_admin_url}{budget.id}/exports/ballots.pb").text
    assert verify_certificate(outcome.certificate, parse_pb(exported)) == []
    assert verify_certificate(outcome.certificate, source) == []


def test_toulouse_2019_points_match_the_file(
    cli_runner, closed_admin, budgets_admin_url, session, budgets_component
):
    import_file(cli_runner, budgets_component, "France_Toulouse_2019.pb")
    source = read_pb(DATA / "France_Toulouse_2019.pb")
    budget = session.scalar(select(Budget))
    assert (budget.vote_type, budget.points_total, budget.points_per_project) == (
        "cumulative",
        7,
        3,
    )
    outcome = count(closed_admin, budgets_admin_url, session, budget)
    codes = dict(session.execute(select(Project.id, Project.code)).all())
    scores = {codes[int(pid)]: score for pid, score in outcome.summary["scores"].items()}
    votes = {codes[int(pid)]: n for pid, n in outcome.summary["votes"].items()}
    assert scores == {pid: p.score for pid, p in source.projects.items()}
    assert votes == {pid: p.votes for pid, p in source.projects.items()}


def test_unknown_space_and_bad_file_say_what_is_wrong(cli_runner, budgets_component, tmp_path):
    missing = cli_runner.invoke(
        args=[
            "budgets",
            "import-pabulib",
            str(DATA / "Netherlands_Assen_2024.pb"),
            "--space",
            "nope",
        ]
    )
    assert missing.exit_code != 0 and "no space" in missing.output
    bad = tmp_path / "bad.pb"
    bad.write_text("META\nkey;value\n")
    broken = cli_runner.invoke(
        args=["budgets", "import-pabulib", str(bad), "--space", budgets_component.space.slug]
    )
    assert broken.exit_code != 0 and "bad.pb" in broken.output
