"""Same-run speed ratio of our ``mes-add1`` against exact pabutools on real files.

    python benchmarks/budgets_vs_pabutools.py [FILE.pb ...] [--timeout 900]

pabutools is not a dependency of Pnyx: install it in the virtual environment for this
benchmark only (``.venv/bin/pip install pabutools``). It computes with exact gmpy2 fractions by
default. Add1 is driven the same way for it as the rule defines it: from ``floor(budget /
voters)`` per voter, pabutools' ``method_of_equal_shares`` (cost satisfaction) runs at each
whole endowment until the outcome overspends, and the last fitting outcome is kept. Each side
runs in its own fresh process, one after the other, so the ratio compares two measurements
taken minutes apart at most on the same machine under the same load; both wall-clock and CPU
seconds are reported (CPU is what the load disturbs least). The winners are compared too.
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_FILES = [
    ROOT / "plugins/budgets/tests/data/Poland_Swiecie_2023.pb",
    ROOT / "plugins/budgets/tests/data/Poland_Wieliczka_2023_Green_Budget.pb",
]


def ours(path: str) -> dict:
    from pnyx_budgets.outcomes import compute_outcome, read_pb

    election = read_pb(path, voters=False)
    wall, cpu = time.perf_counter(), time.process_time()
    outcome = compute_outcome(election, "mes-add1")
    return {
        "wall": time.perf_counter() - wall,
        "cpu": time.process_time() - cpu,
        "winners": sorted(outcome.winners),
    }


def pabutools(path: str) -> dict:
    from pabutools.election import Cost_Sat, parse_pabulib
    from pabutools.rules import method_of_equal_shares

    instance, profile = parse_pabulib(path)
    budget, voters = instance.budget_limit, profile.num_ballots()
    wall, cpu = time.perf_counter(), time.process_time()
    endowment, kept = math.floor(budget / voters), None
    while True:
        instance.budget_limit = endowment * voters
        outcome = method_of_equal_shares(instance, profile, sat_class=Cost_Sat)
        if sum(p.cost for p in outcome) > budget:
            break
        kept = outcome
        if len(outcome) == len([p for p in instance if profile.approval_score(p) > 0]):
            break
        endowment += 1
    return {
        "wall": time.perf_counter() - wall,
        "cpu": time.process_time() - cpu,
        "winners": sorted(p.name for p in kept or ()),
    }


def measure(side: str, path: Path, timeout: float) -> dict | None:
    command = [sys.executable, __file__, "--one", side, str(path)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=True)
    except subprocess.TimeoutExpired:
        return None
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, default=DEFAULT_FILES)
    parser.add_argument("--timeout", type=float, default=900, help="seconds per pabutools run")
    parser.add_argument("--one", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        side, path = args.one
        print(json.dumps((ours if side == "ours" else pabutools)(path)))
        return
    print(f"{'file':<42} {'ours s (cpu)':>14} {'pabutools s (cpu)':>19} {'ratio wall/cpu':>15}")
    for path in args.files:
        mine = measure("ours", path, args.timeout)
        theirs = measure("pabutools", path, args.timeout)
        assert mine is not None
        if theirs is None:
            over = f"> {args.timeout:.0f}"
            print(f"{path.name:<42} {mine['wall']:6.2f} ({mine['cpu']:5.2f}) {over:>19}")
            continue
        same = "same winners" if mine["winners"] == theirs["winners"] else "WINNERS DIFFER"
        ratio = f"{theirs['wall'] / mine['wall']:.0f}x/{theirs['cpu'] / mine['cpu']:.0f}x"
        print(
            f"{path.name:<42} {mine['wall']:6.2f} ({mine['cpu']:5.2f}) "
            f"{theirs['wall']:9.2f} ({theirs['cpu']:7.2f}) {ratio:>15}  {same}",
            flush=True,
        )


if __name__ == "__main__":
    main()
