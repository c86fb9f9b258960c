"""Deterministic tie-breaking shared by every rule.

When two projects are equally good for a rule, the one preferred is, in this order:

1. the cheaper one (lower cost: more money is left for others);
2. the one with more votes (more ballots support it);
3. a seeded draw: the lower ``SHA-256(seed + "\\x00" + project id)``. Anyone can redo the draw
   from the published seed; a city picks the seed (e.g. a public lottery number) before the
   count, and it is recorded in the outcome certificate.

Steps 1 and 2 are the ones pabulib's ``equalshares`` results use (equalshares.net's
``minCost``, ``maxVotes``); they decide every tie in the shipped test files.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping

DEFAULT_SEED = "pnyx"
ORDER = ("min-cost", "max-votes", "seeded-draw")


def draw_key(seed: str, project_id: str) -> str:
    """The hex digest that orders projects in the seeded draw."""
    return hashlib.sha256(f"{seed}\x00{project_id}".encode()).hexdigest()


class TieBreak:
    """Orders projects by preference for tie-breaking (see the module docstring)."""

    def __init__(self, costs: Mapping[str, int], votes: Mapping[str, int], seed: str) -> None:
        self.seed = seed
        self._key = {
            pid: (cost, -votes.get(pid, 0), draw_key(seed, pid)) for pid, cost in costs.items()
        }
        ordered = sorted(self._key, key=self._key.__getitem__)
        self.rank: dict[str, int] = {pid: i for i, pid in enumerate(ordered)}
        """0 for the project preferred most in a tie, 1 for the next, ..."""

    def key(self, project_id: str) -> tuple[int, int, str]:
        """The sort key: smaller is preferred."""
        return self._key[project_id]

    def prefers(self, first: str, second: str) -> bool:
        """Whether ``first`` wins a tie against ``second``."""
        return self.rank[first] < self.rank[second]

    def order(self, project_ids: Iterable[str]) -> list[str]:
        """The ids sorted from most to least preferred."""
        return sorted(project_ids, key=self.rank.__getitem__)
