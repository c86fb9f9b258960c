"""The Add1 completion's search, bounded by what changes rather than by currency units.

Add1 raises the per-voter endowment one unit at a time from ``start`` and keeps the last MES
outcome that fits the budget; it stops at the first endowment whose outcome overspends, or once
every fundable project is funded. Running MES at every integer would take as many runs as
currency units between the start and the stopping point (a project costing 10⁷ would need
millions). Two facts bound it:

* a project ``c`` can only be funded at an endowment ``e`` with ``votes_c * e >= cost_c``: below
  its *threshold* ``ceil(cost_c / votes_c)`` its supporters together never hold its cost;
* so every run at an endowment below a threshold ``t`` funds a subset of the projects whose
  thresholds are below ``t``; if those cost at most the budget together, none of these runs can
  overspend, and none funds every fundable project (the project at ``t`` is missing).

:func:`safe_jump` is the highest endowment reached that way; runs are solved one by one (in
batches) only from there. Once the projects below the next threshold cost more than the
budget, the jump stops for good (thresholds only add projects).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

from ._mes_run import EndowmentRun

MAX_BATCH = 256
"""At most this many endowments are solved together (bounds memory and wasted work)."""

Solve = Callable[[Iterable[int]], dict]


def thresholds(costs: Sequence[int], votes: Sequence[int], candidates: Iterable[int]) -> dict:
    """Candidate -> the lowest integer endowment at which its supporters could afford it."""
    return {c: -(-costs[c] // votes[c]) for c in candidates}


def safe_jump(costs: Sequence[int], limits: dict[int, int], start: int, budget: Fraction) -> int:
    """The highest endowment ``e >= start`` such that no run in ``[start, e]`` can overspend.

    ``limits``: :func:`thresholds`. Assumes the candidates together cost more than the budget
    (otherwise the completion is exhaustive and never overspends).
    """
    spent, best = 0, start
    by_threshold: dict[int, int] = {}
    for c, t in limits.items():
        by_threshold[t] = by_threshold.get(t, 0) + costs[c]
    for t in sorted(by_threshold):
        if t > start:
            if spent > budget:
                break
            best = t - 1  # runs below t only see the projects counted in `spent` so far
        spent += by_threshold[t]
    return best


@dataclass
class Completion:
    """Where Add1 stopped, the run just after (if it overspent), and the path it took."""

    final: EndowmentRun
    overspent: EndowmentRun | None
    jump: int
    """Every endowment from the start to ``jump`` fits without being run (:func:`safe_jump`)."""
    path: list[list[int]] = field(default_factory=list)
    """``[first, last, spent]`` for each stretch of consecutive endowments run from ``jump``
    on whose outcomes cost the same (the last stretch ends at the final endowment)."""


def complete(
    solve: Solve, cost: Callable[[EndowmentRun], int], jump: int, budget: Fraction, fundable: set
) -> Completion:
    """Run Add1 from ``jump`` (see the module docstring); ``solve`` is the batched MES solver.

    The next batch's size extrapolates how far the spending still is from the budget.
    """
    last = solve([jump])[jump]
    spent = cost(last)
    done = Completion(final=last, overspent=None, jump=jump, path=[[jump, jump, spent]])
    while set(last.winners) < fundable:  # once everything is funded, more money changes nothing
        first = int(last.endowment) + 1
        guess = math.ceil(last.endowment * budget / max(spent, 1)) - first + 1
        size = min(max(guess, 8), MAX_BATCH)
        runs = solve(range(first, first + size))
        for endowment in range(first, first + size):
            run = runs[endowment]
            spent = cost(run)
            if spent > budget:
                done.final, done.overspent = last, run
                return done
            last = done.final = run
            extend_path(done.path, endowment, spent)
            if set(last.winners) >= fundable:
                break
    return done


def extend_path(path: list[list[int]], endowment: int, spent: int) -> None:
    """Add the run at ``endowment`` to ``path`` (see :attr:`Completion.path`)."""
    if path and path[-1][2] == spent and path[-1][1] == endowment - 1:
        path[-1][1] = endowment
    else:
        path.append([endowment, endowment, spent])


def exhaustive_endowment(
    costs: Sequence[int],
    supporters: Sequence[Sequence[int]],
    weights: Sequence[int],
    fundable: Iterable[int],
) -> int:
    """An endowment at which MES funds every fundable project, each at ``cost / votes``.

    If every voter holds her equal share ``cost_c / votes_c`` of every project she approves,
    every project stays affordable at that price whatever was funded before, so MES funds
    them all. The endowment is the largest such sum over the voters, rounded up.
    """
    owed: dict[int, Fraction] = {}  # per voter type: all its voters owe the same
    for c in fundable:
        share = Fraction(costs[c], sum(map(weights.__getitem__, supporters[c])))
        for voter in supporters[c]:
            owed[voter] = owed.get(voter, 0) + share
    return math.ceil(max(owed.values(), default=0))
