"""An approval election as the MES solver sees it: voter *types* with weights.

Voters with identical ballots are interchangeable under MES (same budget at every step, same
payments), so they are grouped into one type carrying their number: Wieliczka 2023's 6 586
ballots are 1 190 types, Świecie 2023's 2 553 are 695, and a million identical ballots are one.
Every per-voter table of the solver then has one entry per type, and every count of voters is a
sum of weights.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction

from ._mes_cells import ballot_masks
from ._mes_run import EndowmentRun
from ._mes_solver import MesSolver
from .model import ApprovalBallot, Election, Outcome
from .tiebreak import ORDER, TieBreak


@dataclass(frozen=True)
class MesRound:
    """One funded project and how its supporters paid for it.

    Supporters with at least ``price`` left paid exactly ``price`` (``full_payers`` of them);
    poorer ones paid everything they had left (``partial_payments``: amount -> voters);
    the remaining supporters had nothing left and paid nothing.
    """

    project: str
    cost: int
    price: Fraction
    supporters: int
    full_payers: int
    partial_payments: tuple[tuple[Fraction, int], ...]

    @property
    def effective_votes(self) -> Fraction:
        """``cost / price``: the number of full shares the project is worth."""
        return self.cost / self.price


def _voter_types(
    grouped: Counter[frozenset[str]], index: dict[str, int]
) -> list[tuple[Sequence[int], int]]:
    """The distinct ballots as sorted project indexes, each with its number of voters.

    Similar ballots come side by side (sorted): the solver's per-type tables are then read in
    a more sequential order (a few percent faster on 60 000 voters). Up to 256 projects a
    ballot is a ``bytes``: bytes compare as the tuples would (lexicographically, a prefix
    first) in one ``memcmp``, so sorting Warsaw 2026's 51 203 ballots takes a fifth of the time.
    """
    if len(index) > 256:
        return sorted((tuple(sorted(map(index.__getitem__, a))), n) for a, n in grouped.items())
    voters = {bytes(sorted(map(index.__getitem__, a))): n for a, n in grouped.items()}
    return [(ballot, voters[ballot]) for ballot in sorted(voters)]


class MesInstance:
    """The election's projects as indexes, its ballots as weighted voter types, a solver."""

    def __init__(self, election: Election, seed: str) -> None:
        if election.vote_type != "approval":
            raise ValueError("the Method of Equal Shares here needs approval ballots")
        self.ids = list(election.projects)
        index = {pid: i for i, pid in enumerate(self.ids)}
        self.costs = [election.projects[pid].cost for pid in self.ids]
        grouped = Counter(b.approved for b in election.ballots if isinstance(b, ApprovalBallot))
        types = _voter_types(grouped, index)
        self.weights = [n for _, n in types]
        supporters: list[list[int]] = [[] for _ in self.ids]
        for voter_type, (ballot, _) in enumerate(types):
            for project in ballot:
                supporters[project].append(voter_type)
        self.supporters = supporters
        self.voters = sum(self.weights)
        self.votes = [sum(map(self.weights.__getitem__, s)) for s in supporters]
        votes = dict(zip(self.ids, self.votes, strict=True))
        self.ties = TieBreak(dict(zip(self.ids, self.costs, strict=True)), votes, seed)
        rank = [self.ties.rank[pid] for pid in self.ids]
        projects = election.projects
        withdrawn = frozenset(i for i, pid in enumerate(self.ids) if projects[pid].withdrawn)
        self.masks = ballot_masks(supporters, len(types))
        """Each voter type's approved projects as a bit mask (bit ``p``: project ``p``)."""
        self.solver = MesSolver(self.costs, supporters, rank, withdrawn, self.weights, self.masks)

    def cost(self, run: EndowmentRun) -> int:
        return sum(self.costs[c] for c in run.winners)

    def rounds(self, run: EndowmentRun) -> Iterator[MesRound]:
        """Each round of ``run`` with who paid what, replayed from its prices.

        The solver keeps only prices; replaying them exactly (integers over the run's common
        denominator) needs the voters grouped by the winners they approve so far (cells, as
        in :mod:`._mes_cells`): a winner's supporters are counted per cell in C
        (:meth:`._mes_nodes.NodeCells.count`) and each cell pays as one, a few hundred cells
        per round on Warsaw 2026 instead of a pass over thousands of voter types.
        """
        den, counts = run.den, self.solver.cells.count
        left = {0: run.e_num}
        """Cell (approved winners so far, as a mask) -> its voters' budget (0: nothing left)."""
        funded = 0
        for project in run.winners:
            price, full, partial, bit = run.price_num[project], 0, Counter(), 1 << project
            for cell, voters in counts(project, funded).items():
                budget = left[cell]
                if budget >= price:
                    full += voters
                    left[cell | bit] = budget - price
                else:  # she pays all she has left (if any), and nothing ever after
                    if budget > 0:
                        partial[budget] += voters
                    left[cell | bit] = 0
            funded |= bit
            yield MesRound(
                project=self.ids[project],
                cost=self.costs[project],
                price=Fraction(price, den),
                supporters=self.votes[project],
                full_payers=full,
                partial_payments=tuple((Fraction(b, den), n) for b, n in sorted(partial.items())),
            )

    def outcome(self, rule: str, run: EndowmentRun, election: Election, **extra: str) -> Outcome:
        rounds = tuple(self.rounds(run))
        parameters = {
            "budget": str(election.budget),
            "voters": str(self.voters),
            "endowment": str(run.endowment),
            "seed": self.ties.seed,
            "tie_break": ",".join(ORDER),
            **extra,
        }
        return Outcome(
            rule=rule,
            winners=tuple(self.ids[c] for c in run.winners),
            total_cost=self.cost(run),
            budget=election.budget,
            rounds=rounds,
            parameters=parameters,
        )
