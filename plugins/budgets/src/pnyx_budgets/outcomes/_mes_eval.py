"""Pricing one candidate project in one MES run.

A candidate of cost ``C`` is affordable when its supporters hold at least ``C`` together; its
*price* ``p`` is then the smallest per-supporter share with ``f(p) = sum(min(budget, p)) = C``
(the poorer supporters pay all they have, the others exactly ``p``), and its *effective vote
count* is ``C / p`` — MES with cost utilities funds the candidate with the highest one.

:func:`evaluate` works on float shadows (see :mod:`._mes_run`) and returns an
:class:`Evaluation`; :func:`exact_price` turns it into the exact price, checking that the float
sort put every supporter on the right side of ``p`` and redoing the walk in integers if not.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from itertools import accumulate
from operator import mul

from ._mes_cells import CellTree
from ._mes_run import ULP, EndowmentRun, reader, written


class Evaluation:
    """A candidate's supporter cells sorted by shadow budget, with prefix sums."""

    __slots__ = (
        "_cells",
        "_kept",
        "_source",
        "budgets",
        "cost",
        "counts",
        "cum",
        "evc",
        "exact",
        "paid",
        "project",
        "upper",
    )

    @property
    def cells(self) -> list[int]:
        """The cells in budget order (made on first use: most evaluations never need them)."""
        if self._cells is None:
            self._cells = list(map(self._source.__getitem__, self._kept))
        return self._cells

    def f_upper(self, eps: float, p: float) -> float:
        """A certified upper bound of the exact ``f(p)`` (``eps``: the shadow error bound)."""
        t = bisect_left(self.budgets, p)
        alive = self.cum[-1]
        value = self.paid[t] + p * (alive - self.cum[t])
        return value + alive * eps + (t + 8) * ULP * (self.paid[t] + p * alive)

    def f_lower(self, eps: float, p: float) -> float:
        """A certified lower bound of the exact ``f(p)``."""
        t = bisect_left(self.budgets, p)
        alive = self.cum[-1]
        value = self.paid[t] + p * (alive - self.cum[t])
        return value - alive * eps - (t + 8) * ULP * (self.paid[t] + p * alive)

    def capped(self) -> int:
        """How many cells (from the poorest) pay less than the float price."""
        budgets, cum, paid = self.budgets, self.cum, self.paid
        alive, cost = cum[-1], self.cost
        lo, hi = 0, len(budgets)
        while lo < hi:  # the capped cells are a prefix: binary search its end
            mid = (lo + hi) // 2
            if budgets[mid] * (alive - cum[mid]) < cost - paid[mid]:
                lo = mid + 1
            else:
                hi = mid
        return lo


class Split:
    """Which supporter cells of a candidate are capped, with the sums the price needs."""

    __slots__ = ("_readers", "capped", "capped_voters", "payers", "paying_voters", "weights")

    def __init__(self, capped: list, payers: list, capped_voters: int, paying: int, weights: dict):
        self.capped, self.payers = capped, payers
        self.capped_voters, self.paying_voters = capped_voters, paying
        self.weights = weights
        """Funded project -> capped voters approving it (their exact budgets' sum needs it)."""
        self._readers: list = [None, None]
        """``(list, reader)`` for the capped cells and the payers (lists are replaced, never
        changed: a reader serves every run until its list is replaced)."""

    def shadows(self, run: EndowmentRun, payers: bool) -> Sequence[float]:
        """The shadows in ``run`` of the payers (``payers``) or of the capped cells."""
        cells = self.payers if payers else self.capped
        found = self._readers[payers]
        if found is None or found[0] is not cells:
            found = self._readers[payers] = (cells, reader(cells))
        return found[1](run.budget)

    def price(self, run: EndowmentRun, cost: int) -> tuple[int, int]:
        """The unreduced price ``(num, den)`` if this split is the right one."""
        paid = run.e_num * self.capped_voters - weighted(run, self.weights)
        return cost * run.den - paid, self.paying_voters * run.den

    def copy(self) -> Split:
        """A copy that can be shifted without touching this one (lists are never mutated)."""
        weights = dict(self.weights)
        copy = Split(self.capped, self.payers, self.capped_voters, self.paying_voters, weights)
        copy._readers = list(self._readers)
        return copy

    def shift(self, tree: CellTree, cells: list[int], counts: dict[int, int], sign: int) -> None:
        """Add (``sign`` 1) or remove (-1) ``cells`` to/from the capped voters' sums."""
        weights = self.weights
        for cell in cells:
            count = sign * counts[cell]
            self.capped_voters += count
            for project in tree.funded(cell):
                weights[project] = weights.get(project, 0) + count


def weighted(run: EndowmentRun, weights: dict[int, int]) -> int:
    """``sum(price_num[p] * w)``: what voters approving the funded ``p`` (``w`` each) paid."""
    return sum(map(mul, map(run.price_num.__getitem__, weights), weights.values()))


def evaluate(
    run: EndowmentRun,
    tree: CellTree,
    project: int,
    cost: int,
    entry: list,
) -> Evaluation | None:
    """Price ``project`` in ``run``; None if its supporters cannot afford it.

    ``entry`` is the solver's record of the project's supporters in the current node:
    ``[cells, counts, by_cell, hint, memo]`` (``memo["top"]``: the shadows in the node's top run,
    when the entry was just made). ``hint`` is the cell order of the previous
    evaluation (runs at nearby endowments sort almost alike, and Python's sort is linear on
    almost sorted input); it is updated in place.
    """
    cells, counts, hint = entry[0], entry[1], entry[3]
    top = entry[4].pop("top", None)  # the shadows the entry read in the node's top run
    shadow = top[1] if top is not None and top[0] is run else written(run.budget, cells)
    order = sorted(hint or range(len(cells)), key=shadow.__getitem__)
    hint[:] = order
    shadow = list(map(shadow.__getitem__, order))
    first = bisect_right(shadow, 0.0)  # exhausted cells sort first
    kept = order[first:] if first else order
    ev = Evaluation()
    ev.project, ev.cost, ev.exact = project, cost, None
    ev.budgets = shadow[first:] if first else shadow
    ev._cells, ev._source, ev._kept = None, cells, kept
    ev.counts = list(map(counts.__getitem__, kept))
    ev.paid = list(accumulate(map(mul, ev.budgets, ev.counts), initial=0.0))
    ev.cum = list(accumulate(ev.counts, initial=0))
    money, alive = ev.paid[-1], ev.cum[-1]
    error = alive * run.eps + (len(ev.budgets) + 8) * ULP * money
    if money + error < cost:
        return None
    if money - error < cost and not _exactly_affordable(run, tree, ev):
        return None
    j = ev.capped()
    # all cells capped can only be float noise (money ~ cost): the exact walk decides then
    last = j == len(ev.budgets)
    price = ev.budgets[-1] if last else (cost - ev.paid[j]) / (alive - ev.cum[j])
    ev.evc = cost / price
    low = price * (1 - 1e-9)
    if ev.f_upper(run.eps, low) < cost:  # certified: the exact price is above `low`
        ev.upper = cost / low * (1 + 4 * ULP)
    else:
        num, den = ev.exact = exact_price(run, tree, ev, entry[2], entry[4])
        ev.upper = cost * den / num * (1 + 4 * ULP)
    return ev


def _exactly_affordable(run: EndowmentRun, tree: CellTree, ev: Evaluation) -> bool:
    """Whether the supporters' exact budgets add up to the cost (floats were too close)."""
    weights = tree.weights(ev.cells, ev.counts)
    return run.e_num * ev.cum[-1] - weighted(run, weights) >= ev.cost * run.den


def exact_price(
    run: EndowmentRun, tree: CellTree, ev: Evaluation, by_cell: dict[int, int], memo: dict
) -> tuple[int, int]:
    """The exact price of the evaluated project as ``(num, den)`` in lowest terms.

    The float walk says which cells pay less than a full share (are *capped*); their exact
    total is ``e_num * voters - sum(price_num[p] * voters approving p)``, so only the per
    funded project voter counts (``tree.weights``) are needed. ``memo`` keeps the last capped
    set and its weights: the next run of the same node usually caps almost the same cells.
    ``by_cell`` maps each supporter cell of the node to its voter count.
    """
    j = ev.capped()
    alive = ev.cum[-1]
    uncapped = alive - ev.cum[j]
    if uncapped == 0:
        return _exact_walk(run, tree, ev)
    weights = _capped_weights(tree, ev, j, by_cell, memo)
    total = run.e_num * ev.cum[j] - weighted(run, weights)
    num = ev.cost * run.den - total
    den = uncapped * run.den
    common = math.gcd(num, den)
    num, den = num // common, den // common
    if num <= 0 or not _classified(run, tree, ev, j, num, den):
        return _exact_walk(run, tree, ev)
    memo["template"] = Split(ev.cells[:j], ev.cells[j:], ev.cum[j], uncapped, weights)
    return num, den


def _capped_weights(
    tree: CellTree, ev: Evaluation, j: int, by_cell: dict[int, int], memo: dict
) -> dict[int, int]:
    """Voters approving each funded project among the capped cells (incremental if cheap)."""
    capped = frozenset(ev.cells[:j])
    last = memo.get("capped")
    if last is not None and 2 * len(last ^ capped) < len(capped):
        weights = dict(memo["weights"])
        for sign, changed in ((1, capped - last), (-1, last - capped)):
            for cell in changed:
                count = sign * by_cell[cell]
                for project in tree.funded(cell):
                    weights[project] = weights.get(project, 0) + count
    else:
        weights = tree.weights(ev.cells[:j], ev.counts[:j])
    memo["capped"], memo["weights"] = capped, weights
    return weights


def _classified(
    run: EndowmentRun, tree: CellTree, ev: Evaluation, j: int, num: int, den: int
) -> bool:
    """Whether the cells the floats put below/above the price really are (checked exactly).

    The shadows are sorted and the float split is a prefix, so if the last capped shadow is
    not clearly above the price and the first payer's not clearly below, only cells whose
    shadow is within the error window of the price can be on the wrong side: only those are
    checked exactly.
    """
    price = num / den
    window = 2 * run.eps + 4 * ULP * price
    budgets = ev.budgets
    if (j and budgets[j - 1] > price + window) or (
        j < len(budgets) and budgets[j] < price - window
    ):
        return False
    lo = bisect_left(ev.budgets, price - window)
    hi = bisect_right(ev.budgets, price + window)
    for t in range(lo, hi):
        below = run.cell_numerator(tree, ev.cells[t]) * den < num * run.den
        if below != (t < j):
            return False
    return True


def _exact_walk(run: EndowmentRun, tree: CellTree, ev: Evaluation) -> tuple[int, int]:
    """The price from exact budgets only (slow; for the rare cases the floats cannot settle)."""
    items = sorted(
        (run.cell_numerator(tree, c), n) for c, n in zip(ev.cells, ev.counts, strict=True)
    )
    target = ev.cost * run.den
    paid, remaining = 0, sum(n for b, n in items if b > 0)
    for budget, count in items:
        if budget <= 0:
            continue
        if budget * remaining >= target - paid:
            break
        paid += budget * count
        remaining -= count
    if remaining == 0:
        raise AssertionError("exact walk on an unaffordable project")
    num, den = target - paid, remaining * run.den
    common = math.gcd(num, den)
    return num // common, den // common
