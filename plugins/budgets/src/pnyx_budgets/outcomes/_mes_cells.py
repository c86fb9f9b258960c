"""Voter cells for the Method of Equal Shares engine.

Under MES a voter's remaining budget depends only on which already-funded projects she
approves: ``endowment - sum(price of each such project)`` while that is positive, and she is
exhausted (she paid all she had for one of them, and never pays again) once it is not: a
voter who pays less than a full share ends with nothing, and the formula is then negative.
So voters are grouped into *cells*: the voters who approve exactly the same funded projects.
A cell is named by that set of projects as a bit mask (bit ``p`` for project ``p``), so it
depends neither on the endowment nor on the order in which the projects were funded: runs at
different endowments, and histories that funded the same projects in another order, share
the same cells and the same per-candidate counts (see :mod:`._mes_nodes`). Whether a cell is
exhausted is a property of a run (its budget), not of the cell.
"""

from __future__ import annotations

from collections.abc import Iterable

ROOT = 0
"""The cell of voters who approve no funded project yet (the empty mask, numbered 0)."""


def ballot_masks(supporters: list[list[int]], voters: int) -> list[int]:
    """Each voter's approved projects as a bit mask."""
    masks = [0] * voters
    for project, voters_of in enumerate(supporters):
        bit = 1 << project
        for voter in voters_of:
            masks[voter] |= bit
    return masks


class CellTree:
    """The cells met so far, numbered: masks of up to ~100 bits hash slowly and scatter in
    memory, so budgets and counts are keyed by a small cell number instead."""

    __slots__ = ("_children", "_ids", "_projects", "masks")

    def __init__(self) -> None:
        self._ids: dict[int, int] = {0: ROOT}
        self.masks: list[int] = [0]
        """Cell number -> its mask."""
        self._projects: dict[int, tuple[int, ...]] = {ROOT: ()}
        self._children: dict[int, dict[int, int]] = {}
        """Project -> cell -> the cell of the same voters once the project is funded."""

    def cells(self, masks: Iterable[int]) -> list[int]:
        """The cell numbers of ``masks`` (numbering the new ones)."""
        masks = list(masks)
        ids = self._ids
        found = list(map(ids.get, masks))
        if None in found:  # one C-level scan: most masks are usually known
            for i in [i for i, cell in enumerate(found) if cell is None]:
                cell = ids.get(masks[i])
                if cell is None:  # a mask may come twice
                    cell = ids[masks[i]] = len(self.masks)
                    self.masks.append(masks[i])
                found[i] = cell
        return found

    def children(self, cells: list[int], project: int) -> list[int]:
        """The cells ``cell | project`` of ``cells`` (memoized: histories meet the same ones)."""
        child = self._children.setdefault(project, {})
        found = list(map(child.get, cells))
        if None in found:
            missing = [i for i, cell in enumerate(found) if cell is None]
            bit, masks = 1 << project, self.masks
            made = self.cells([masks[cells[i]] | bit for i in missing])
            for i, cell in zip(missing, made, strict=True):
                found[i] = child[cells[i]] = cell
        return found

    def funded(self, cell: int) -> tuple[int, ...]:
        """The funded projects the voters of ``cell`` approve (memoized per cell)."""
        found = self._projects.get(cell)
        if found is None:
            found, rest = [], self.masks[cell]
            while rest:
                low = rest & -rest
                found.append(low.bit_length() - 1)
                rest ^= low
            found = self._projects[cell] = tuple(found)
        return found

    def weights(self, cells: list[int], counts: list[int]) -> dict[int, int]:
        """For voters counted per cell, how many of them approve each funded project."""
        funded = list(map(self._projects.get, cells))
        if None in funded:
            funded = list(map(self.funded, cells))
        total = [0] * (1 + max(map(max, filter(None, funded)), default=-1))
        for projects, count in zip(funded, counts, strict=True):
            for project in projects:  # list slots add faster than dict entries
                total[project] += count
        return {project: n for project, n in enumerate(total) if n}
