"""Add1 completion: exhaustive when the budget covers everything, bounded by what changes."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from pnyx_budgets.outcomes.certificate import build_certificate, verify_certificate
from pnyx_budgets.outcomes.equal_shares import equal_shares, equal_shares_add1
from pnyx_budgets.outcomes.model import WITHDRAWN_COST, ApprovalBallot, Election, Project

Loader = Callable[[str], Election]


def make(costs: dict[str, int], ballots: list[str], budget: int) -> Election:
    """An approval election from ``{"a": 10}`` and ballots like ``"ab"`` (one letter a project)."""
    projects = {pid: Project(pid, cost) for pid, cost in costs.items()}
    votes = tuple(ApprovalBallot(str(i), frozenset(b)) for i, b in enumerate(ballots))
    meta = {"budget": str(budget), "vote_type": "approval"}
    return Election(meta=meta, projects=projects, ballots=votes)


def runs(outcome) -> int:
    """How many endowments the completion ran (its path), besides the witness."""
    return sum(last - first + 1 for first, last, _ in outcome.path)


def test_budget_covering_everything_funds_everything_supported() -> None:
    # plain MES at budget / voters (= 10) funds only "a": "b" and "c" have one poor supporter
    election = make({"a": 20, "b": 25, "c": 30, "z": 5}, ["a", "a", "ab", "c"], 100)
    assert equal_shares(election).winners == ("a",)
    outcome = equal_shares_add1(election)
    assert sorted(outcome.winners) == ["a", "b", "c"]  # "z": nobody asked for it
    assert outcome.parameters["completion"] == "exhaustive"
    assert outcome.witness is None
    assert verify_certificate(build_certificate(outcome, election), election) == []


@pytest.mark.parametrize(
    "name", ["Poland_Gdynia_2020_Cisowa__small.pb", "Poland_Gdynia_2021_Orlowo__small.pb"]
)
def test_covers_all_real_elections_reproduce_their_winners(shared_pb: Loader, name: str) -> None:
    election = shared_pb(name)
    outcome = equal_shares_add1(election)
    official = {pid for pid, p in election.projects.items() if p.selected == 1}
    assert set(outcome.winners) == official
    cert = build_certificate(outcome, election)
    assert verify_certificate(cert, election, any_rule=True) == []  # META: greedy-no-skip


@pytest.mark.parametrize("cost", [10**6, 10**7, WITHDRAWN_COST - 1])
def test_a_project_nobody_can_afford_does_not_slow_the_completion(cost: int) -> None:
    # the same election with and without a project far above the budget; Add1 one unit at a
    # time would run about cost / 2 endowments before its two supporters could pay for it
    base = {"a": 40, "b": 30, "c": 20}  # together within the budget: only x can overspend
    ballots = ["ab", "ab", "bc", "c", "ax", "x", "a", "bc"]
    without = equal_shares_add1(make(base, [b.replace("x", "") for b in ballots], 100))
    election = make({**base, "x": cost}, ballots, 100)
    outcome = equal_shares_add1(election)
    assert runs(outcome) < 100 and runs(without) < 100
    # the completion jumps to where x's two supporters could pay for it, and steps from there
    # until x is funded (one of them also pays for a) and overspends
    assert -(-cost // 2) <= int(outcome.witness.parameters["endowment"]) < cost // 2 + 100
    assert set(outcome.winners) == {"a", "b", "c"}
    assert verify_certificate(build_certificate(outcome, election), election) == []


def test_withdrawn_projects_are_never_candidates() -> None:
    ballots = ["aw", "aw", "bw", "w", "b"]
    election = make({"a": 20, "b": 20, "w": WITHDRAWN_COST}, ballots, 50)
    outcome = equal_shares_add1(election)
    assert sorted(outcome.winners) == ["a", "b"]
    assert outcome.parameters["completion"] == "exhaustive"  # w does not count
    assert "w" not in equal_shares(election, endowment=WITHDRAWN_COST).winners
    assert verify_certificate(build_certificate(outcome, election), election) == []
