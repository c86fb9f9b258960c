"""Peak memory and time of ``pnyx budgets outcome`` on a file of many identical ballots.

    python benchmarks/budgets_identical_ballots.py [--ballots 1000000] [--rules greedy,mes-add1]

Writes a pabulib file with ``--ballots`` voters who all approve the same three of five projects
(distinct voter ids, as in a real file) to a temporary directory, then runs the command in a
fresh process per rule and reports its wall time and peak memory (max RSS, from the kernel's
accounting of the child). Identical ballots are grouped while parsing, so memory should not
grow with their number beyond the file's rows being read one at a time.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HEADER = """META
key;value
description;identical ballots (benchmark)
num_projects;5
num_votes;{n}
budget;100000
vote_type;approval
rule;equalshares/add1
PROJECTS
project_id;cost;name
1;30000;One
2;40000;Two
3;50000;Three
4;20000;Four
5;10000;Five
VOTES
voter_id;vote
"""


def write_file(path: Path, ballots: int) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(HEADER.format(n=ballots))
        for voter in range(ballots):
            handle.write(f"{voter};1,2,4\n")


def run(path: Path, rule: str) -> tuple[float, float, str]:
    """Wall seconds, peak MB and output of one ``pnyx budgets outcome`` process."""
    code = (
        "from pnyx.launcher import main\n"
        f"main(['budgets', 'outcome', {str(path)!r}, '--rule', {rule!r}])\n"
    )
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    output = process.stdout.read().strip() if process.stdout else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{rule}: the command failed")
    return wall, usage.ru_maxrss / 1024, output  # Linux: KiB


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ballots", type=int, default=1_000_000)
    parser.add_argument("--rules", default="greedy,mes,mes-add1")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "identical.pb"
        write_file(path, args.ballots)
        size = path.stat().st_size / 1e6
        print(f"{args.ballots} identical ballots, file {size:.1f} MB")
        for rule in args.rules.split(","):
            wall, peak, output = run(path, rule)
            print(f"{rule:<10} {wall:7.2f} s  peak {peak:6.1f} MB  winners {output}", flush=True)


if __name__ == "__main__":
    main()
