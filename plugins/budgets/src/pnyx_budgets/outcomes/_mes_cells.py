"""Voter cells for the Method of Equal Shares engine.

Under MES a voter's remaining budget depends only on which already-funded projects she
approves: ``endowment - sum(price of each such project)``, or 0 once she could not pay a full
share. So voters are grouped into *cells*: voters in a cell approved exactly the same funded
projects and have the same budget. A cell is born when a project is funded (its supporters
leave their cell for a child cell) and is identified by its chain of parents, so the cells do
not depend on the endowment: runs at different endowments with the same funding history share
them (see :mod:`._mes_solver`).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Sequence

DEAD = 0
"""The cell of voters whose budget is exhausted (they never pay again)."""
ROOT = 1
"""The cell of voters who approve no funded project yet."""


class CellTree:
    """The cells created so far and the current cell of every voter."""

    __slots__ = ("cell_of", "depth", "parent", "via")

    def __init__(self, voters: int) -> None:
        self.cell_of: list[int] = [ROOT] * voters
        self.parent: list[int] = [DEAD, DEAD]
        self.via: list[int] = [-1, -1]
        """``via[cell]``: the funded project whose supporters moved into ``cell``."""
        self.depth: list[int] = [0, 0]

    def child(self, cell: int, project: int) -> int:
        """Create the cell of the voters of ``cell`` who also approve ``project``."""
        self.parent.append(cell)
        self.via.append(project)
        self.depth.append(self.depth[cell] + 1)
        return len(self.parent) - 1

    def funded(self, cell: int) -> Iterable[int]:
        """The funded projects the voters of ``cell`` approve (newest first)."""
        parent, via = self.parent, self.via
        while cell > ROOT:
            yield via[cell]
            cell = parent[cell]

    def move(self, voters: Sequence[int], cells: Iterable[int]) -> None:
        """Put ``voters[i]`` into the i-th of ``cells`` (a C-level scatter)."""
        deque(map(self.cell_of.__setitem__, voters, cells), maxlen=0)

    def weights(self, counts: dict[int, int]) -> dict[int, int]:
        """For voters counted per cell, how many of them approve each funded project.

        Summing cell by cell along the parent chains would walk shared ancestors again and
        again; instead counts are pushed up one depth level at a time, so each ancestor is
        visited once.
        """
        parent, via, depth = self.parent, self.via, self.depth
        levels: dict[int, dict[int, int]] = {}
        for cell, count in counts.items():
            levels.setdefault(depth[cell], {})[cell] = count
        result: dict[int, int] = {}
        for level in range(max(levels, default=0), 0, -1):
            upper = levels.setdefault(level - 1, {})
            for cell, count in levels.get(level, {}).items():
                project = via[cell]
                result[project] = result.get(project, 0) + count
                up = parent[cell]
                upper[up] = upper.get(up, 0) + count
        return result
