"""Certificates that must not verify: every field changed alone, and forged Add1 outcomes.

A forged-but-consistent ``mes-add1`` certificate is built from *genuine* MES runs at another
endowment ``e`` whose run fits the budget while the run at ``e + 1`` overspends: every round
of it replays correctly, only the completion path betrays it (MES spending is not monotone in
the endowment, so such an ``e`` exists above the true one in real elections).
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterator
from dataclasses import replace
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from pnyx_budgets.outcomes.certificate import build_certificate, verify_certificate
from pnyx_budgets.outcomes.equal_shares import equal_shares, equal_shares_add1
from pnyx_budgets.outcomes.model import ApprovalBallot, Election, Outcome, Project
from pnyx_budgets.outcomes.pabulib import read_pb
from pnyx_budgets.outcomes.registry import compute_outcome

DATA = Path(__file__).parent / "data"


def eight_voters() -> Election:
    """A minimal case: Add1 stops at 4 with [a]; genuine runs at 6 and 7 give [a, c] and
    overspend at 7, so a certificate claiming endowment 6 replays correctly."""
    costs = {"a": 10, "b": 12, "c": 10, "d": 8}
    ballots = ["abc", "", "b", "a", "acd", "bc", "ad", "a"]
    projects = {pid: Project(pid, cost) for pid, cost in costs.items()}
    votes = tuple(ApprovalBallot(str(i), frozenset(b)) for i, b in enumerate(ballots))
    meta = {"budget": "21", "vote_type": "approval", "rule": "equalshares/add1"}
    return Election(meta=meta, projects=projects, ballots=votes)


def forged(genuine: Outcome, election: Election, endowment: int) -> dict[str, Any]:
    """A certificate for Add1 stopping at ``endowment``, made of genuine MES runs."""
    final = equal_shares(election, endowment=endowment)
    witness = equal_shares(election, endowment=endowment + 1)
    keep = ("completion", "start_endowment", "first_run")
    parameters = {**final.parameters, **{k: genuine.parameters[k] for k in keep}}
    first = int(genuine.parameters["first_run"])
    outcome = replace(
        final,
        rule="mes-add1",
        parameters=parameters,
        witness=witness,
        path=((first, endowment, final.total_cost),),
    )
    return build_certificate(outcome, election)


def forgeable(election: Election, genuine: Outcome, span: int) -> list[int]:
    """Endowments above the true one where a run fits and the next overspends."""
    true = int(genuine.parameters["endowment"])
    found = []
    for e in range(true + 1, true + span):
        fits = equal_shares(election, endowment=e).total_cost <= election.budget
        if fits and equal_shares(election, endowment=e + 1).total_cost > election.budget:
            found.append(e)
    return found


def test_the_eight_voter_forgery_is_rejected() -> None:
    election = eight_voters()
    genuine = equal_shares_add1(election)
    assert (genuine.winners, genuine.parameters["endowment"]) == (("a",), "4")
    assert verify_certificate(build_certificate(genuine, election), election) == []
    fake = forged(genuine, election, 6)
    assert fake["winners"] == ["a", "c"]
    assert verify_certificate(fake, election) == ["the run at 5 overspends: Add1 stops at 4"]


def test_the_mlynow_forgery_is_rejected(shared_pb: Callable[[str], Election]) -> None:
    election = shared_pb("Poland_Warszawa_2017_Mlynow.pb")
    genuine = equal_shares_add1(election)
    assert genuine.parameters["endowment"] == "1377" and len(genuine.winners) == 16
    assert verify_certificate(build_certificate(genuine, election), election, any_rule=True) == []
    fake = forged(genuine, election, 1387)
    assert "1720" in genuine.winners and "1720" not in fake["winners"]
    problems = verify_certificate(fake, election, any_rule=True)
    assert problems == ["the run at 1378 overspends: Add1 stops at 1377"]


@pytest.mark.parametrize("name", ["Netherlands_Assen_2024.pb", "Poland_Swiecie_2023.pb"])
def test_forgeries_from_genuine_runs_near_the_true_endowment(name: str) -> None:
    election = read_pb(DATA / name)
    genuine = equal_shares_add1(election)
    true = int(genuine.parameters["endowment"])
    for endowment in [*range(true - 4, true), *range(true + 1, true + 5)]:
        assert verify_certificate(forged(genuine, election, endowment), election), endowment


def test_every_mlynow_forgery_from_genuine_runs_is_rejected(
    shared_pb: Callable[[str], Election],
) -> None:
    election = shared_pb("Poland_Warszawa_2017_Mlynow.pb")
    genuine = equal_shares_add1(election)
    candidates = forgeable(election, genuine, 40)
    assert 1387 in candidates
    for endowment in candidates:
        problems = verify_certificate(forged(genuine, election, endowment), election, any_rule=True)
        assert problems == ["the run at 1378 overspends: Add1 stops at 1377"]


def leaves(data: Any, path: tuple = ()) -> Iterator[tuple]:
    """The path of every scalar in a JSON tree, and of every non-empty list (to shorten it)."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from leaves(value, (*path, key))
    elif isinstance(data, list):
        if data:
            yield (*path, None)  # None: drop the list's last element
        for i, value in enumerate(data):
            yield from leaves(value, (*path, i))
    else:
        yield path


def changed(cert: dict[str, Any], path: tuple) -> dict[str, Any]:
    """A deep copy of ``cert`` with the value at ``path`` changed."""
    cert = copy.deepcopy(cert)
    *parents, last = path
    holder = cert
    for key in parents:
        holder = holder[key]
    if last is None:
        holder.pop()
        return cert
    value = holder[last]
    if isinstance(value, bool):
        holder[last] = not value
    elif isinstance(value, int):
        holder[last] = value + 1
    else:
        try:
            holder[last] = str(Fraction(value) + 1)
        except ValueError:
            holder[last] = value + "x"
    return cert


def published(election: Election, rule: str) -> dict[str, Any]:
    return json.loads(json.dumps(build_certificate(compute_outcome(election, rule), election)))


@pytest.mark.parametrize(
    ("name", "rule"),
    [
        ("Netherlands_Assen_2024.pb", "mes-add1"),
        ("Netherlands_Assen_2024.pb", "mes"),
        ("Netherlands_Assen_2024.pb", "greedy"),
    ],
)
def test_every_field_changed_alone_is_rejected(name: str, rule: str) -> None:
    election = read_pb(DATA / name)
    cert = published(election, rule)
    assert verify_certificate(cert, election, any_rule=True) == []
    accepted = [
        path
        for path in leaves(cert)
        if not verify_certificate(changed(cert, path), election, any_rule=True)
    ]
    assert accepted == []


def test_the_rule_must_be_the_files() -> None:
    election = read_pb(DATA / "Netherlands_Assen_2024.pb")  # META: equalshares/add1
    cert = published(election, "greedy")
    assert verify_certificate(cert, election) == [
        "the file's rule is 'equalshares/add1', not 'greedy'"
    ]
    assert verify_certificate(cert, election, any_rule=True) == []
    assert verify_certificate(published(election, "mes-add1"), election) == []


def test_the_seed_must_be_the_announced_one() -> None:
    election = read_pb(DATA / "Netherlands_Assen_2024.pb")
    cert = published(election, "mes-add1")
    assert verify_certificate(cert, election, seed="lottery 2024") == [
        "the tie-break seed is not 'lottery 2024'"
    ]
