"""Add1's runs solved on several processes give the very same outcomes (``_mes_parallel``)."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from itertools import chain
from pathlib import Path

import pytest

from pnyx_budgets.outcomes import _mes_parallel, compute_outcome, read_pb
from pnyx_budgets.outcomes._mes_instance import MesInstance
from pnyx_budgets.outcomes._mes_parallel import ParallelSolve, chunks
from pnyx_budgets.outcomes.certificate import build_certificate
from pnyx_budgets.outcomes.tiebreak import DEFAULT_SEED

TESTS = Path(__file__).parent
SAMPLE = range(0, 120, 6)

# In a fresh process (no thread another test may have left, so forking is allowed), every
# batch forked whatever its size: the digests of the fuzzed cases' certificates, and how many
# batches went to worker processes.
FORKED_RUN = """
import json, sys
sys.path.insert(0, sys.argv[1])
from pnyx_budgets.outcomes import _mes_parallel
from pnyx_budgets.outcomes.certificate import build_certificate
from pnyx_budgets.outcomes.equal_shares import equal_shares_add1
import test_outcomes_mes_fuzz as fuzz

_mes_parallel.MIN_WORK = 0
forked = []
cut = _mes_parallel.chunks
_mes_parallel.chunks = lambda batch, count: forked.append(len(batch)) or cut(batch, count)
digests = {}
for case in map(int, sys.argv[2:]):
    election = fuzz.fuzzed_election(case)
    outcome = equal_shares_add1(election, seed=fuzz.seed_of(case), processes=2)
    digests[str(case)] = fuzz.digest(build_certificate(outcome, election))
print(json.dumps({"digests": digests, "forked": len(forked)}))
"""


def test_forked_runs_give_the_pinned_certificates() -> None:
    command = [sys.executable, "-c", FORKED_RUN, str(TESTS), *map(str, SAMPLE)]
    found = json.loads(subprocess.run(command, capture_output=True, check=True).stdout)
    pinned = json.loads((TESTS / "data" / "mes_fuzz_certificates.json").read_text())
    assert found["forked"] >= len(SAMPLE)  # the workers did solve the batches
    assert found["digests"] == {str(case): pinned[str(case)]["mes-add1"] for case in SAMPLE}


def test_a_real_election_on_two_processes(monkeypatch: pytest.MonkeyPatch) -> None:
    """In this process forking may be refused (a thread left by another test): same result."""
    monkeypatch.setattr(_mes_parallel, "MIN_WORK", 0)
    election = read_pb(TESTS / "data" / "Poland_Swiecie_2023.pb", voters=False)
    alone = compute_outcome(election, "mes-add1")
    shared = compute_outcome(election, "mes-add1", processes=2)
    assert build_certificate(shared, election) == build_certificate(alone, election)


def test_chunks_are_contiguous_balanced_and_longest_work_first() -> None:
    batch = list(range(10, 21))
    parts = chunks(batch, 4)
    assert [len(p) for p in parts] == [2, 3, 3, 3]
    assert sorted(chain.from_iterable(parts)) == batch
    assert parts[0] == [19, 20]  # the highest endowments first
    assert chunks([5], 4) == [[5]]


def test_a_threaded_process_does_not_fork() -> None:
    """Forking a process with other threads can deadlock the children (a web worker)."""
    instance = MesInstance(read_pb(TESTS / "data" / "Poland_Swiecie_2023.pb"), DEFAULT_SEED)
    release = threading.Event()
    thread = threading.Thread(target=release.wait)
    thread.start()
    try:
        with ParallelSolve(instance.solver, 2) as solve:
            assert solve.processes == 1
    finally:
        release.set()
        thread.join()
