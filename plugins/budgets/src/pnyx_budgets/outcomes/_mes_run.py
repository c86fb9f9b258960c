"""The state of one MES run at a fixed per-voter endowment.

Exactness: every price is kept as an integer numerator over a common denominator ``den``
(which only grows, by multiplication), so a cell's exact budget is
``(e_num - sum of its funded projects' price numerators) / den`` — integer arithmetic, never
:class:`~fractions.Fraction` in the hot paths.

Speed: each cell also has a float *shadow* budget, used to sort and screen candidates. Its
error is below ``eps`` (a cell's float is the endowment minus at most ``projects`` correctly
rounded prices, each subtraction adding half an ulp of the endowment), and every decision the
floats suggest is either certified with that error bound or redone exactly.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from fractions import Fraction
from itertools import repeat
from operator import itemgetter

from ._mes_cells import CellTree

ULP = 2.0**-52
"""A bound on the relative rounding error of one float operation (twice the unit roundoff)."""
DEAD_BUDGET = -1.0
"""The float shadow of an exhausted cell: any negative value sorts it out of the way."""


Budgets = list[float]
"""A run's shadows indexed by cell number (:class:`._mes_cells.CellTree`), ``DEAD_BUDGET`` for
a cell the run never wrote. A list rather than a dict: a C-level ``itemgetter`` reads a list
about 40 % faster, and the cells are small consecutive numbers (Warsaw 2026: 23 414 cells,
well under a dict's per-entry size times the cells a run writes)."""


def grow(budget: Budgets, size: int) -> None:
    """Make room for cells numbered below ``size`` (the new ones read as exhausted)."""
    if len(budget) < size:
        budget.extend(repeat(DEAD_BUDGET, size - len(budget)))


def shadows(budget: Budgets, cells: list[int], size: int) -> Sequence[float]:
    """The float shadows of ``cells`` (numbered below ``size``); unwritten cells are exhausted.

    Any value <= 0 means exhausted (the exhausted formula is negative, see
    :meth:`EndowmentRun.cell_numerator`); values within the error bound of 0 are never
    stored, they are decided exactly first (:meth:`._mes_nodes.NodeCells.split`).
    """
    grow(budget, size)
    return reader(cells)(budget)


def written(budget: Budgets, cells: list[int]) -> Sequence[float]:
    """The float shadows of ``cells`` that the run is known to have written (faster).

    Every cell alive in a node's highest-endowment run was written, when the win that made it
    happened, into every run of the node (:meth:`._mes_nodes.NodeCells.split`), so a node's
    entries, and the splits and lists made from them, only hold written cells (the list is
    long enough for them): one C-level ``itemgetter`` call reads them.
    """
    return reader(cells)(budget)


def reader(cells: list[int]) -> Callable[[Budgets], Sequence[float]]:
    """:func:`written` for ``cells``, built once to read them in several runs."""
    if len(cells) > 1:
        return itemgetter(*cells)
    if cells:
        cell = cells[0]
        return lambda budget: [budget[cell]]
    return lambda budget: []


class EndowmentRun:
    """One run of MES where every voter starts with ``endowment``."""

    __slots__ = (
        "bound",
        "budget",
        "den",
        "e_num",
        "endowment",
        "eps",
        "price_float",
        "price_num",
        "winners",
    )

    def __init__(
        self, endowment: Fraction, candidates: Iterable[int], votes: list[int], projects: int
    ) -> None:
        self.endowment = endowment
        self.den = endowment.denominator
        self.e_num = endowment.numerator
        shadow = float(endowment)
        self.eps = (4 * projects + 16) * ULP * max(abs(shadow), 1.0)
        """A bound on ``|float shadow - exact budget|`` for every cell."""
        self.price_num: dict[int, int] = {}
        """Funded project -> its price (per-supporter share) times ``den``."""
        self.price_float: dict[int, float] = {}
        self.budget: Budgets = [shadow]
        """Cell -> float shadow of its budget (<= 0 if exhausted), the root cell first."""
        # an upper bound on each affordable candidate's effective vote count: the count can
        # never exceed the number of supporters (the price is at least cost / supporters)
        self.bound: dict[int, float] = {c: votes[c] * (1 + 8 * ULP) for c in candidates}
        self.winners: list[int] = []

    def cell_numerator(self, tree: CellTree, cell: int) -> int:
        """The exact budget of ``cell`` times ``den``; <= 0 if and only if it is exhausted.

        An exhausted voter paid less than a full share once (all she had): from then on
        the formula is negative.
        """
        price_num = self.price_num
        return self.e_num - sum(price_num[p] for p in tree.funded(cell))

    def exact_shadow(self, tree: CellTree, cell: int) -> float:
        """A freshly rounded shadow for ``cell`` (``DEAD_BUDGET`` if its exact budget <= 0)."""
        num = self.cell_numerator(tree, cell)
        return num / self.den if num > 0 else DEAD_BUDGET

    def commit(self, project: int, num: int, den: int) -> None:
        """Fund ``project`` at the exact per-supporter price ``num / den`` (in lowest terms)."""
        factor = den // math.gcd(self.den, den)
        if factor != 1:
            # move everything to the new common denominator lcm(den, self.den)
            self.den *= factor
            self.e_num *= factor
            prices = self.price_num
            for funded in prices:
                prices[funded] *= factor
        self.price_num[project] = num * (self.den // den)
        self.price_float[project] = num / den
        self.winners.append(project)
        del self.bound[project]

    def price(self, project: int) -> Fraction:
        """The exact price paid by each full-paying supporter of a funded project."""
        return Fraction(self.price_num[project], self.den)
