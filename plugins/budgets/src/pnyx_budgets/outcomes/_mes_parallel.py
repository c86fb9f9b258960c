"""Solving a batch of Add1 endowments on several processes.

Runs at distant endowments share little work: Warsaw 2026's 198 completion runs cost 3.51 s of
CPU solved together and 3.36 s solved as two contiguous halves (3.47 s as three thirds), because
the funding histories of distant endowments part after a few rounds. So a batch is cut into
contiguous chunks, one or two per process, and each chunk is solved by a forked copy of this
process, which inherits the solver (nothing is pickled on the way in; the finished runs — prices
and winners, their float shadows dropped — come back pickled).

The outcome cannot change: every decision of a run is exact, and which other runs share its
batch only changes how fast floats screen its candidates. The fuzz tests check it
(``plugins/budgets/tests/test_outcomes_mes_parallel.py``).

Forking is only done where it is safe and pays: on systems with ``fork`` (Linux, BSD; not
macOS, whose system libraries are not fork-safe), from a
process with no other thread (forking a threaded process can deadlock its children: a web worker
running a job inline keeps to one process), and for batches worth the ~10 ms a fork costs.
Otherwise the batch is solved here, as without this module.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Iterable
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING

from ._mes_solver import MesSolver

if TYPE_CHECKING:
    from multiprocessing.pool import Pool

MIN_WORK = 1_000_000
"""Runs × voter types below which a batch is solved in this process (forking costs more)."""

_solver: MesSolver | None = None
"""The solver a forked worker inherited (set by :func:`_adopt` in the worker)."""


def usable_cores() -> int:
    """The cores this process may run on (its CPU affinity, where the system says)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class ParallelSolve(AbstractContextManager):
    """``solve(endowments) -> {endowment: run}`` on up to ``processes`` processes.

    Use as a context manager: the worker processes, started at the first batch worth them,
    are stopped on exit.
    """

    def __init__(self, solver: MesSolver, processes: int) -> None:
        self.solver = solver
        self.processes = processes if _can_fork() else 1
        self._pool: Pool | None = None

    def __call__(self, endowments: Iterable[int]) -> dict:
        batch = sorted(set(endowments))
        if self.processes < 2 or len(batch) * self.solver.types < MIN_WORK:
            return self.solver.solve(batch)
        if self._pool is None:
            import multiprocessing  # here: importing it costs `pnyx budgets` start-up ~0.05 s

            context = multiprocessing.get_context("fork")
            self._pool = context.Pool(self.processes, initializer=_adopt, initargs=(self.solver,))
        runs: dict = {}
        for part in self._pool.imap_unordered(_solve, chunks(batch, 2 * self.processes)):
            runs.update(part)
        return runs

    def __exit__(self, *exc_info: object) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None


def chunks(batch: list[int], count: int) -> list[list[int]]:
    """``batch`` cut into at most ``count`` contiguous chunks of nearly equal length.

    Higher endowments take more rounds, so the chunks are handed out from the top
    (the longest work first keeps the last process from finishing alone).
    """
    count = max(1, min(count, len(batch)))
    size, extra = divmod(len(batch), count)
    parts, start = [], 0
    for i in range(count):
        end = start + size + (i < extra)
        parts.append(batch[start:end])
        start = end
    return parts[::-1]


def _can_fork() -> bool:
    # os.fork is what the "fork" start method needs (absent on Windows; macOS has it, though
    # its system libraries are not fork-safe: multiprocessing's default there is "spawn")
    return hasattr(os, "fork") and sys.platform != "darwin" and threading.active_count() == 1


def _adopt(solver: MesSolver) -> None:
    global _solver
    _solver = solver


def _solve(endowments: list[int]) -> dict:
    assert _solver is not None, "a worker runs only after _adopt"
    return _solver.solve(endowments)
