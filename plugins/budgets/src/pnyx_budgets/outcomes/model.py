"""Plain value types the outcome rules read and return, independent of any file format.

Money is always an exact number: project costs are integers, a budget is an ``int`` or a
:class:`~fractions.Fraction` (pabulib allows decimal budgets). Project and voter ids are the
strings of the source (``"c12"`` stays ``"c12"``, ``"007"`` stays ``"007"``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Literal

VoteType = Literal["approval", "cumulative", "ordinal"]
Money = int | Fraction
Extra = tuple[tuple[str, str], ...]
"""Other columns of a row, in file order, as ``(column, value)`` pairs (kept for round trips)."""
WITHDRAWN_COST = 999_999_999
"""pabulib marks a project withdrawn after the vote with this artificial cost (Wrocław 2017
Rejon 11: "PROJEKT WYCOFANY"); every rule skips such a project instead of pricing it."""


@dataclass(frozen=True, slots=True)
class Project:
    """A project on the ballot.

    ``score``, ``votes`` and ``selected`` are what the source *claims* (pabulib's columns), never
    what a rule computed; they are ``None`` when the source has no such column.
    """

    id: str
    cost: int
    name: str = ""
    score: int | None = None
    votes: int | None = None
    selected: int | None = None
    extra: Extra = ()

    @property
    def withdrawn(self) -> bool:
        """Whether the file marks the project as withdrawn (see :data:`WITHDRAWN_COST`)."""
        return self.cost == WITHDRAWN_COST


@dataclass(frozen=True, slots=True)
class ApprovalBallot:
    """A voter approves a set of projects."""

    voter_id: str
    approved: frozenset[str]
    extra: Extra = ()

    @property
    def projects(self) -> tuple[str, ...]:
        """The supported project ids, sorted (a canonical order for digests and exports)."""
        return tuple(sorted(self.approved))


@dataclass(frozen=True, slots=True)
class CumulativeBallot:
    """A voter spreads points over projects; ``points`` keeps the file's order (decreasing)."""

    voter_id: str
    points: tuple[tuple[str, int], ...]
    extra: Extra = ()

    @property
    def projects(self) -> tuple[str, ...]:
        """The supported project ids, in the ballot's order."""
        return tuple(pid for pid, _ in self.points)


@dataclass(frozen=True, slots=True)
class OrdinalBallot:
    """A voter ranks projects, most preferred first."""

    voter_id: str
    ranking: tuple[str, ...]
    extra: Extra = ()

    @property
    def projects(self) -> tuple[str, ...]:
        """The ranked project ids, most preferred first."""
        return self.ranking


Ballot = ApprovalBallot | CumulativeBallot | OrdinalBallot


@dataclass(frozen=True)
class Election:
    """One participatory-budgeting instance: metadata, projects and ballots.

    ``meta`` keeps pabulib's META section verbatim (strings); the typed views below read it.
    """

    meta: Mapping[str, str]
    projects: Mapping[str, Project]
    ballots: tuple[Ballot, ...]

    @property
    def budget(self) -> Money:
        """The total budget, exact (``"1000.50"`` becomes ``Fraction(2001, 2)``)."""
        value = Fraction(self.meta["budget"].strip())
        return int(value) if value.denominator == 1 else value

    @property
    def vote_type(self) -> VoteType:
        """``approval``, ``cumulative`` or ``ordinal`` (``choose-1`` reads as approval)."""
        kind = self.meta.get("vote_type", "approval").strip()
        if kind == "choose-1":
            return "approval"
        if kind not in ("approval", "cumulative", "ordinal"):
            raise ValueError(f"unsupported vote_type {kind!r}")
        return kind  # type: ignore[return-value]


@dataclass(frozen=True)
class Outcome:
    """What a rule decided: the winners in selection order plus a per-step explanation.

    ``rounds`` holds the rule's own step records (see :mod:`.greedy` and
    :mod:`.equal_shares`); ``parameters`` holds every input besides the ballots that the
    decision depends on (budget, seed, endowment, ...), as JSON-friendly strings.
    """

    rule: str
    winners: tuple[str, ...]
    total_cost: int
    budget: Money
    rounds: tuple[Any, ...] = ()
    parameters: Mapping[str, str] = field(default_factory=dict)
    witness: Outcome | None = None
    """For ``mes-add1``: the run one currency unit per voter higher, which overspends."""
    path: tuple[tuple[int, int, int], ...] = ()
    """For ``mes-add1``: ``(first, last, spent)`` per stretch of endowments the completion ran
    whose outcomes cost the same (see :mod:`._add1`)."""
