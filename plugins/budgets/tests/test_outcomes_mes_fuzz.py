"""The MES engine against its own pinned answers on fuzzed elections big enough to share work.

The hand-made random elections of ``test_outcomes_mes`` have at most 25 voters: every voter
is her own cell and Add1 runs a few endowments. These have hundreds of voters with correlated
ballots (popular projects, neighbourhoods of projects), so that runs share histories, cells
group many voters, splits are repaired from run to run and Add1 runs dozens of endowments.

``data/mes_fuzz_certificates.json`` holds the SHA-256 of each case's ``mes`` and ``mes-add1``
certificates as computed by the engine of commit 4bd68a0 (before the speed-ups of issue 22
item 6): every later engine must give the same outcomes, rounds, prices, witness and path,
byte for byte. Regenerate (only for a deliberate change of results) with
``python plugins/budgets/tests/test_outcomes_mes_fuzz.py > .../mes_fuzz_certificates.json``.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections import Counter
from pathlib import Path

import pytest

from pnyx_budgets.outcomes._mes_nodes import REPEAT
from pnyx_budgets.outcomes.certificate import build_certificate, verify_certificate
from pnyx_budgets.outcomes.equal_shares import equal_shares, equal_shares_add1
from pnyx_budgets.outcomes.model import ApprovalBallot, Election, Project

CASES = 120
PINNED = Path(__file__).parent / "data" / "mes_fuzz_certificates.json"


def fuzzed_election(case: int) -> Election:
    """Election number ``case``: the same one on every machine (seeded)."""
    rng = random.Random(f"mes-fuzz-{case}")
    count = rng.randint(5, 16)
    names = [f"p{i}" for i in range(count)]
    costs = {pid: rng.choice([1, 2, 5, 10]) * rng.randint(10, 400) for pid in names}
    appeal = {pid: rng.random() ** 2 for pid in names}  # a few popular projects
    voters = rng.randint(40, 600)
    ballots = []
    for i in range(voters):
        home = rng.randrange(count)  # voters favour projects near their own
        approved = frozenset(
            pid
            for j, pid in enumerate(names)
            if rng.random() < appeal[pid] * (1.6 if abs(j - home) <= 2 else 0.5)
        )
        ballots.append(ApprovalBallot(str(i), approved))
    budget = int(sum(costs.values()) * rng.uniform(0.2, 0.9))
    meta = {"budget": str(budget), "vote_type": "approval"}
    projects = {pid: Project(pid, cost) for pid, cost in costs.items()}
    return Election(meta=meta, projects=projects, ballots=tuple(ballots))


def seed_of(case: int) -> str:
    return "pnyx" if case % 3 else f"seed-{case}"


def certificates(case: int) -> dict[str, dict]:
    """The ``mes`` and ``mes-add1`` certificates of ``case`` (every third with its own seed)."""
    election, seed = fuzzed_election(case), seed_of(case)
    return {
        "mes": build_certificate(equal_shares(election, seed=seed), election),
        "mes-add1": build_certificate(equal_shares_add1(election, seed=seed), election),
    }


def digest(certificate: dict) -> str:
    return hashlib.sha256(json.dumps(certificate, sort_keys=True).encode()).hexdigest()


@pytest.fixture(scope="module")
def pinned() -> dict[str, dict[str, str]]:
    return json.loads(PINNED.read_text())


@pytest.mark.parametrize("case", range(CASES))
def test_certificates_are_those_of_the_pinned_engine(case: int, pinned: dict) -> None:
    found = certificates(case)
    assert {rule: digest(cert) for rule, cert in found.items()} == pinned[str(case)]
    if case % 10 == 0:  # the verifier re-runs the completion: a sample is enough here
        election = fuzzed_election(case)
        for cert in found.values():
            assert verify_certificate(cert, election, seed=seed_of(case), any_rule=True) == []


def test_the_fuzzed_elections_exercise_the_shared_work() -> None:
    """The cases are not trivial: Add1 runs many endowments in a good part of them (a batch
    shares a tree of histories), and voter types stand for several voters, some for more than
    the solver counts in C (its one-by-one correction then runs)."""
    runs, heavy = [], 0
    for case in range(0, CASES, 4):
        election = fuzzed_election(case)
        outcome = equal_shares_add1(election)
        if outcome.parameters["completion"] == "add1":
            runs.append(int(outcome.parameters["endowment"]) - int(outcome.parameters["first_run"]))
        heavy += max(Counter(b.approved for b in election.ballots).values()) > REPEAT
    assert len(runs) >= 20 and sum(r >= 10 for r in runs) >= 10 and max(runs) >= 50
    assert heavy >= 10


if __name__ == "__main__":
    pins = {str(c): {r: digest(cert) for r, cert in certificates(c).items()} for c in range(CASES)}
    print(json.dumps(pins, indent=1, sort_keys=True))
