"""Nodes of the MES history tree and the cell bookkeeping shared by their runs.

A node stands for one funding history (the projects funded so far, in order); its runs share
bounds (see :mod:`._mes_solver`). A candidate's supporters counted per cell depend only on the
*set* of funded projects (cells are masks, :mod:`._mes_cells`), so those counts are computed
once per set and shared by every node that funded the same projects in any order (on Warsaw
2026's Add1 path, 1 469 histories are 300 sets).
"""

from __future__ import annotations

from collections import Counter, deque
from itertools import chain, compress, repeat
from operator import gt, le, lt, or_, setitem, sub

from ._mes_cells import ROOT, CellTree
from ._mes_run import EndowmentRun, grow, reader, shadows, written


class Node:
    """The runs below this node funded the same projects, in the same order, so far."""

    __slots__ = ("bound", "dead", "entries", "mask", "parent", "top", "winner")

    def __init__(self, parent: Node | None, winner: int | None, top: EndowmentRun) -> None:
        self.entries: dict[int, list] = {}
        """Candidate -> ``[cells, counts, by_cell, sort hint, memo]`` of its supporters
        (``by_cell`` shared by every node of the same funded set)."""
        self.bound: dict[int, float] = {}
        """Certified upper bounds of effective vote counts, valid for the runs still to visit."""
        self.dead: set[int] = set()
        """Candidates unaffordable in a visited run, hence in every run still to visit."""
        self.parent = parent
        self.winner = winner
        """The project funded last (None at the root)."""
        self.mask = ROOT if parent is None else parent.mask | (1 << winner)  # type: ignore[operator]
        """The funded projects as a cell mask."""
        self.top = top
        """The node's highest-endowment run: a cell exhausted there is exhausted in every run
        of the node (budgets grow with the endowment), so the node's entries leave it out."""


REPEAT = 16
"""Voter types standing for up to this many voters are counted in C (see :class:`NodeCells`)."""


KEEP = 1_000_000
"""Counted cells kept from one solve to the next, at most (Warsaw 2026's batch: ~900 000)."""


class NodeCells:
    """Supporter cells per candidate and funded set, and the budgets of the cells a win makes."""

    def __init__(self, supporters: list[list[int]], weights: list[int], masks: list[int]) -> None:
        self._sets = [set(s) for s in supporters]
        # counting is a C-level Counter over voter types, each repeated as many times as the
        # voters it stands for up to REPEAT; the few heavier types then add the rest one by one
        # (a million identical ballots stay one entry plus one correction)
        extra = [min(weight, REPEAT) - 1 for weight in weights]
        self._types = [s + self._repeats(s, extra) for s in supporters]
        self._masks = [list(map(masks.__getitem__, s)) for s in self._types]
        heavy = [v for v, weight in enumerate(weights) if weight > REPEAT]
        self._heavy = [
            [(v, masks[v], weights[v] - REPEAT) for v in heavy if v in voters]
            for voters in self._sets
        ]
        self.tree = CellTree()
        """The cells, kept from one :meth:`MesSolver.solve` to the next with the counts."""
        self._shared: dict[tuple[int, int], list] = {}
        self._kept = 0
        """Cells counted in ``_shared`` (bounds what is kept between solves)."""
        self._pairs: dict[tuple[int, int], tuple[list[int], list[tuple[int, int]]]] = {}

    @staticmethod
    def _repeats(types: list[int], extra: list[int]) -> list[int]:
        """The extra copies of the types of ``types`` that stand for several voters (in C)."""
        several = list(compress(types, map(extra.__getitem__, types)))
        return list(chain.from_iterable(map(repeat, several, map(extra.__getitem__, several))))

    def trim(self) -> None:
        """Drop the cells and counts of earlier solves if they grew large (not the pairs: they
        are small).

        Counts do not depend on the endowment, so the next solve reuses them: Add1's first run
        alone, then its batch, start down the same histories, and so does each chunk a worker
        of :mod:`._mes_parallel` solves (it inherits the parent's counts when forked).
        """
        if self._kept > KEEP:
            self._shared.clear()
            self.tree, self._kept = CellTree(), 0

    def count(self, project: int, funded: int) -> Counter:
        """The supporters of ``project`` counted by the ``funded`` projects they approve (masks)."""
        counter = Counter(map(funded.__and__, self._masks[project]))
        for _voter, ballot, extra in self._heavy[project]:
            counter[ballot & funded] += extra
        return counter

    def entry(self, tree: CellTree, node: Node, project: int) -> list:
        """The supporter cells of ``project`` in ``node`` that have money in its top run.

        The counts of every cell (``by_cell``) are shared by all nodes of the same funded
        set; the node keeps the list of those alive, its sort hint and its price memo.
        """
        entry = node.entries.get(project)
        if entry is not None:
            return entry
        shared = self._shared.get((project, node.mask))
        if shared is None:
            by_cell = self._derived(tree, node, project)
            if by_cell is None:
                counter = self.count(project, node.mask)
                by_cell = dict(zip(tree.cells(counter), counter.values(), strict=True))
            shared = [list(by_cell), list(by_cell.values()), by_cell, []]
            self._shared[(project, node.mask)] = shared
            self._kept += len(by_cell)
        cells, counts, by_cell = shared[0], shared[1], shared[2]
        shadow = shadows(node.top.budget, cells, len(tree.masks))
        alive = list(map(lt, repeat(0.0), shadow))
        if not all(alive):
            cells, counts = list(compress(cells, alive)), list(compress(counts, alive))
            shadow = list(compress(shadow, alive))
        # the first pricing in the node is usually at its top run: it reuses these shadows
        entry = node.entries[project] = [cells, counts, by_cell, [], {"top": (node.top, shadow)}]
        return entry

    def _derived(self, tree: CellTree, node: Node, project: int) -> dict | None:
        """The counts from those of a set with one project less, if known (else None).

        The node's own parent first, then the sets without any earlier winner: another
        history may have funded the same projects in another order.
        """
        step = node
        while step.parent is not None:
            mask = node.mask ^ (1 << step.winner)  # type: ignore[operator]
            above = self._shared.get((project, mask))
            if above is not None:
                return self._moved(tree, above[2], mask, step.winner, project)  # type: ignore[arg-type]
            step = step.parent
        return None

    def _moved(
        self, tree: CellTree, by_cell: dict[int, int], mask: int, winner: int, project: int
    ) -> dict:
        """The counts of the set without ``winner``, corrected for the voters it moved.

        Only voters who approve both projects move (to the cell with ``winner``'s bit),
        usually far fewer than all supporters.
        """
        key = (winner, project)
        found = self._pairs.get(key)
        if found is None:  # the voters who approve both, as masks
            inside = list(map(self._sets[project].__contains__, self._types[winner]))
            both = list(compress(self._masks[winner], inside))
            heavy = [(b, x) for v, b, x in self._heavy[winner] if v in self._sets[project]]
            found = self._pairs[key] = (both, heavy)
        both, heavy = found
        moved = Counter(map(mask.__and__, both))
        for ballot, extra in heavy:
            moved[ballot & mask] += extra
        bit = 1 << winner
        result = dict(by_cell)
        olds = tree.cells(moved)
        news = tree.cells(map(or_, moved, repeat(bit)))
        for cell, new, count in zip(olds, news, moved.values(), strict=True):
            left = result[cell] - count
            if left:
                result[cell] = left
            else:
                del result[cell]
            result[new] = count
        return result

    def split(self, tree: CellTree, node: Node, project: int, group: list[EndowmentRun]) -> None:
        """Give every run of ``group`` the budgets of the cells that funding ``project`` makes.

        A winner's supporter cell ``c`` becomes ``c | bit``, with the cell's budget minus the
        price. Only cells that still have money in the highest-endowment run of the group are
        written (budgets grow with the endowment, so one exhausted there is exhausted in every
        run of the group); a cell a run never wrote reads as exhausted.
        """
        parents = node.entries[project][0]  # the winner's cells, as priced in this node
        top = group[0]
        price = top.price_float[project]
        left = list(map(sub, written(top.budget, parents), repeat(price)))
        alive = list(map(gt, left, repeat(top.eps)))
        if left and min(map(abs, left)) <= top.eps:  # too close to zero for floats
            for i in [i for i, shadow in enumerate(left) if abs(shadow) <= top.eps]:
                alive[i] = top.cell_numerator(tree, parents[i]) > top.price_num[project]
        born_from = list(compress(parents, alive))
        born = tree.children(born_from, project)
        size, read = len(tree.masks), reader(born_from)
        for run in group:
            values = list(map(sub, read(run.budget), repeat(run.price_float[project])))
            budget = run.budget
            grow(budget, size)
            # a C-level scatter (the cells are rarely consecutive: most were numbered by
            # other histories), consumed by an empty deque
            deque(map(setitem, repeat(budget), born, values), maxlen=0)
            # negative values stay (exhausted); those too close to 0 for floats are decided
            # exactly (a C-level filter: most runs have none)
            if values and min(map(abs, values)) <= run.eps:
                near = map(le, map(abs, values), repeat(run.eps))
                for cell in compress(born, near):
                    budget[cell] = run.exact_shadow(tree, cell)
