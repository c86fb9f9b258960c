"""Nodes of the MES history tree and the cell bookkeeping shared by their runs.

A node stands for one funding history (the projects funded so far, in order). Everything here
depends on that history only, never on the endowment, so it is computed once per node for all
of the node's runs (see :mod:`._mes_solver`).
"""

from __future__ import annotations

from collections import Counter
from itertools import compress, repeat
from operator import add, gt, sub

from ._mes_cells import DEAD, CellTree
from ._mes_run import DEAD_BUDGET, EndowmentRun


class Node:
    """The runs below this node funded the same projects, in the same order, so far."""

    __slots__ = ("bound", "dead", "entries", "parent", "split")

    def __init__(self, parent: Node | None, split: tuple | None) -> None:
        self.entries: dict[int, list] = {}
        """Candidate -> ``[cells, counts, by_cell, sort hint, price memo]`` of its supporters."""
        self.bound: dict[int, float] = {}
        """Certified upper bounds of effective vote counts, valid for the runs still to visit."""
        self.dead: set[int] = set()
        """Candidates unaffordable in a visited run, hence in every run still to visit."""
        self.parent = parent
        self.split = split
        """``(winner, supporters, their cells before, old cell -> new cell)`` that made it."""


class NodeCells:
    """Supporter cells per candidate and node, and the cell split when a project is funded."""

    def __init__(self, supporters: list[list[int]], weights: list[int]) -> None:
        self.supporters = supporters
        self._sets = [set(s) for s in supporters]
        self._positions: dict[tuple[int, int], tuple[list[int], list[tuple[int, int]]]] = {}
        # counting is a C-level Counter over voter types; types standing for several voters
        # (usually few) then add their extra weight one by one
        self._heavy = [[(v, weights[v] - 1) for v in s if weights[v] > 1] for s in supporters]

    def entry(self, tree: CellTree, node: Node, project: int) -> list:
        """The supporter cells of ``project`` in ``node`` (derived from the parent if cached)."""
        entry = node.entries.get(project)
        if entry is not None:
            return entry
        above = node.parent.entries.get(project) if node.parent is not None else None
        if above is not None:
            by_cell = self._moved(above[2], node.split, project)
        else:
            cell_of = tree.cell_of
            counter = Counter(map(cell_of.__getitem__, self.supporters[project]))
            for voter, extra in self._heavy[project]:
                counter[cell_of[voter]] += extra
            counter.pop(DEAD, None)
            by_cell = dict(counter)
        entry = [list(by_cell), list(by_cell.values()), by_cell, [], {}]
        node.entries[project] = entry
        return entry

    def _moved(self, by_cell: dict[int, int], split: tuple, project: int) -> dict[int, int]:
        """The parent's counts, corrected for the supporters the funded winner moved.

        Only voters who approve both projects moved, usually far fewer than all supporters.
        """
        winner, supporters, olds, mapping = split
        key = (winner, project)
        found = self._positions.get(key)
        if found is None:  # where ``project``'s supporters sit in the winner's list
            inside = map(self._sets[project].__contains__, supporters)
            positions = list(compress(range(len(supporters)), inside))
            heavy = dict(self._heavy[winner])
            extra = [(i, heavy[supporters[i]]) for i in positions if supporters[i] in heavy]
            found = self._positions[key] = (positions, extra)
        positions, extra = found
        result = dict(by_cell)
        moved = Counter(map(olds.__getitem__, positions))
        for i, more in extra:
            moved[olds[i]] += more
        moved.pop(DEAD, None)
        for cell, count in moved.items():
            left = result[cell] - count
            if left:
                result[cell] = left
            else:
                del result[cell]
            if mapping[cell] != DEAD:
                result[mapping[cell]] = count
        return result

    def split(self, tree: CellTree, node: Node, project: int, group: list[EndowmentRun]) -> tuple:
        """Move the winner's supporters to child cells and price those cells in every run.

        A child cell is created only if it still has money in the highest-endowment run of
        the group (budgets grow with the endowment, so if it is exhausted there it is
        exhausted everywhere); otherwise its voters go to the exhausted cell.
        """
        supporters = self.supporters[project]
        olds = list(map(tree.cell_of.__getitem__, supporters))
        parents = list(node.entries[project][2])  # the winner's cells, as priced in this node
        top = group[0]
        price = top.price_float[project]
        shadows = list(map(sub, map(top.budget.__getitem__, parents), repeat(price)))
        alive = list(map(gt, shadows, repeat(top.eps)))
        if shadows and min(map(abs, shadows)) <= top.eps:  # too close to zero for floats
            for i in [i for i, shadow in enumerate(shadows) if abs(shadow) <= top.eps]:
                alive[i] = top.cell_numerator(tree, parents[i]) > top.price_num[project]
        born_from = list(compress(parents, alive))
        first = len(tree.parent)
        born = list(range(first, first + len(born_from)))
        # bulk-append the children (one C-level extend per table instead of a call per cell)
        tree.parent.extend(born_from)
        tree.via.extend(repeat(project, len(born)))
        tree.depth.extend(map(add, map(tree.depth.__getitem__, born_from), repeat(1)))
        mapping = dict.fromkeys(parents, DEAD)
        mapping.update(zip(born_from, born, strict=True))
        mapping[DEAD] = DEAD
        for run in group:
            values = list(
                map(sub, map(run.budget.__getitem__, born_from), repeat(run.price_float[project]))
            )
            run.budget.update(zip(born, values, strict=True))
            if values and min(values) <= run.eps:  # near zero: decide alive or exhausted exactly
                for cell, value in zip(born, values, strict=True):
                    if value <= run.eps:
                        exact = value >= -run.eps
                        run.budget[cell] = run.exact_shadow(tree, cell) if exact else DEAD_BUDGET
        tree.move(supporters, map(mapping.__getitem__, olds))
        return (project, supporters, olds, mapping)
