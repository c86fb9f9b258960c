"""Benchmark the budgets outcome engine: every rule on every pabulib file of a directory.

    python benchmarks/budgets_outcomes.py [DIRECTORY] [--repeat N] [--rules a,b] [--processes N]

DIRECTORY defaults to ``../shared/data/pabulib`` relative to the repository root. Each
(file, rule) pair runs in a fresh subprocess so that its peak memory (max RSS) is its own.
Times are the best of ``--repeat`` runs: wall-clock seconds, and CPU seconds (less sensitive to
other load on the machine). Rules that do not apply to a file (MES needs approval ballots,
greedy-threshold needs a threshold in META) are skipped. ``--processes`` is what ``pnyx budgets
outcome --processes`` takes (default: one per usable core, as the command); CPU seconds then
include the worker processes', and the peak memory is the largest process's.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DIR = ROOT.parent / "shared" / "data" / "pabulib"


def _import_outcomes():
    try:
        import pnyx_budgets.outcomes as outcomes
    except ImportError:  # not installed: use the source tree
        sys.path.insert(0, str(ROOT / "plugins" / "budgets" / "src"))
        import pnyx_budgets.outcomes as outcomes
    return outcomes


def measure(path: str, rule: str, repeat: int, processes: int) -> dict[str, Any]:
    """Parse ``path`` and run ``rule`` ``repeat`` times; the best times and this process' peak."""
    outcomes = _import_outcomes()
    best: dict[str, float] = {}
    winners = cost = 0
    for _ in range(repeat):
        times = {}
        wall, cpu = time.perf_counter(), time.process_time()
        election = outcomes.read_pb(path, voters=False)  # as `pnyx budgets outcome` reads it
        times["parse_wall"], times["parse_cpu"] = (
            time.perf_counter() - wall,
            time.process_time() - cpu,
        )
        if not _applies(election, rule):
            return {"skipped": True}
        wall, cpu = time.perf_counter(), _cpu()
        result = outcomes.compute_outcome(election, rule, processes=processes)
        times["rule_wall"], times["rule_cpu"] = time.perf_counter() - wall, _cpu() - cpu
        best = {k: min(v, best.get(k, v)) for k, v in times.items()}
        winners, cost = len(result.winners), result.total_cost
        del election, result  # so that the peak is one run's, not two elections at once
    peak_kib = max(resource.getrusage(who).ru_maxrss for who in _EVERYONE)  # Linux: KiB
    peak_mb = peak_kib / 1024
    return {**best, "winners": winners, "cost": cost, "peak_mb": peak_mb}


_EVERYONE = (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)


def _cpu() -> float:
    """CPU seconds of this process and of its finished children (the solver's workers)."""
    usages = [resource.getrusage(who) for who in _EVERYONE]
    return sum(u.ru_utime + u.ru_stime for u in usages)


def _applies(election, rule: str) -> bool:
    if rule.startswith("mes"):
        return election.vote_type == "approval"
    if rule == "greedy-threshold":
        return bool(election.meta.get("min_project_score_threshold", "").strip())
    return True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", nargs="?", default=str(DEFAULT_DIR))
    parser.add_argument("--repeat", type=int, default=1, help="best of N runs (default 1)")
    parser.add_argument("--rules", help="comma-separated subset of the rules")
    parser.add_argument(
        "--processes", type=int, default=0, help="processes for mes-add1 (default: every core)"
    )
    parser.add_argument("--one", nargs=2, metavar=("FILE", "RULE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:  # child process: measure one pair, print JSON
        processes = args.processes or _import_outcomes().usable_cores()
        print(json.dumps(measure(args.one[0], args.one[1], args.repeat, processes)))
        return
    rules = args.rules.split(",") if args.rules else list(_import_outcomes().RULES)
    files = sorted(p for p in Path(args.directory).iterdir() if p.name.endswith((".pb", ".pb.gz")))
    columns = ("parse s", "rule s", "rule cpu", "peak MB")
    header = f"{'file':<58} {'rule':<17} " + " ".join(f"{c:>8}" for c in columns) + "  winners"
    print(header)
    print("-" * len(header))
    for path in files:
        for rule in rules:
            command = [
                sys.executable,
                __file__,
                "--one",
                str(path),
                rule,
                "--repeat",
                str(args.repeat),
                "--processes",
                str(args.processes),
            ]
            out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
            m = json.loads(out)
            if m.get("skipped"):
                continue
            print(
                f"{path.name:<58} {rule:<17} {m['parse_wall']:8.3f} {m['rule_wall']:8.3f} "
                f"{m['rule_cpu']:8.3f} {m['peak_mb']:8.1f}  {m['winners']} (cost {m['cost']})",
                flush=True,
            )


if __name__ == "__main__":
    main()
