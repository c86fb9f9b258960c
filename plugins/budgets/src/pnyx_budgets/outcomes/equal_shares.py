"""The Method of Equal Shares (MES) for approval ballots, with pabulib's Add1 completion.

MES (Peters, Pierczyński, Skowron; equalshares.net) gives every voter an equal share of the
budget, the *endowment*. Round after round it funds the project its supporters can pay for
most cheaply: each supporter pays the same amount ``p`` or, if she has less, all she has left,
and the project with the highest *effective vote count* ``cost / p`` wins (cost utilities: a
voter values a project by its cost). It stops when no project's supporters can pay for it.
Arithmetic is exact throughout; ties follow :mod:`.tiebreak`.

Plain MES usually leaves money unspent, so pabulib's ``equalshares/add1`` rule (the one used by
Wieliczka 2023, Świecie 2023 and Assen 2024) *completes* it: start every voter at
``floor(budget / voters)`` currency units, then raise the endowment by one unit at a time while
the outcome still fits the real budget, and keep the last outcome that fits; stop early only
once every fundable project is funded. This is equalshares.net's Add1 with the "integral" start,
no "stop once exhaustive" option and no greedy completion afterwards — the variant that
reproduces the three files' ``selected`` columns exactly (stopping at the first exhaustive
outcome gives Wieliczka 31 winners instead of 30). The search jumps over endowments at which
nothing can overspend (:mod:`._add1`), so its time does not grow with the currency units.

When the budget covers every fundable project together, no outcome can overspend, so Add1 goes
on until all of them are funded: the outcome is *exhaustive* (every supported project with a
positive cost). equalshares.net instead runs plain MES once in that case, which leaves
supported, affordable projects unfunded (Gdynia 2021 Działki Leśne: 3 of 4 funded although all
4 fit); every city record of such elections funds everything supported, so we do too.

A project the file marks as withdrawn (:data:`.model.WITHDRAWN_COST`) is never a candidate.

Speed: runs are screened with floats under certified error bounds, and every decision is taken
exactly (integers over a common denominator); see :mod:`._mes_run` and :mod:`._mes_solver`.
"""

from __future__ import annotations

import math
from collections.abc import Collection
from dataclasses import replace
from fractions import Fraction

from ._add1 import complete, exhaustive_endowment, safe_jump, thresholds
from ._mes_instance import MesInstance, MesRound
from ._mes_parallel import ParallelSolve
from .model import Election, Money, Outcome
from .tiebreak import DEFAULT_SEED

__all__ = ["MesRound", "equal_shares", "equal_shares_add1", "voter_payments"]


def equal_shares(
    election: Election, *, endowment: Money | None = None, seed: str = DEFAULT_SEED
) -> Outcome:
    """Plain MES; every voter starts with ``endowment`` (default: budget / voters)."""
    instance = MesInstance(election, seed)
    if endowment is None:
        endowment = Fraction(election.budget) / max(instance.voters, 1)
    run = instance.solver.solve([Fraction(endowment)])[Fraction(endowment)]
    return instance.outcome("mes", run, election)


def equal_shares_add1(
    election: Election, *, seed: str = DEFAULT_SEED, processes: int = 1
) -> Outcome:
    """MES with Add1 completion, as pabulib's ``equalshares/add1`` (see the module docstring).

    ``processes``: how many processes may solve the completion's runs (:mod:`._mes_parallel`;
    the outcome is the same whatever the number).
    """
    instance = MesInstance(election, seed)
    budget = Fraction(election.budget)
    fundable = set(instance.solver.candidates)
    if instance.voters == 0:
        return _renamed(equal_shares(election, seed=seed), completion="none: nobody voted")
    start = math.floor(budget / instance.voters)
    if sum(instance.costs[c] for c in fundable) <= budget:
        return _exhaustive(instance, election, start, fundable)
    limits = thresholds(instance.costs, instance.votes, fundable)
    jump = safe_jump(instance.costs, limits, start, budget)
    with ParallelSolve(instance.solver, processes) as solve:
        done = complete(solve, instance.cost, jump, budget, fundable)
    extra = {"completion": "add1", "start_endowment": str(start), "first_run": str(jump)}
    outcome = instance.outcome("mes-add1", done.final, election, **extra)
    path = tuple((a, b, spent) for a, b, spent in done.path)
    outcome = replace(outcome, path=path)
    if done.overspent is not None:
        outcome = replace(outcome, witness=instance.outcome("mes", done.overspent, election))
    return outcome


def _exhaustive(instance: MesInstance, election: Election, start: int, fundable: set) -> Outcome:
    """The budget covers every fundable project: Add1 never overspends and funds them all.

    The run shown is the one at ``start`` if it already funds everything, else at the
    endowment where every voter can pay her equal share of all she approves
    (:func:`._add1.exhaustive_endowment`); any endowment funding everything gives the same set.
    """
    run = instance.solver.solve([start])[start]
    if set(run.winners) < fundable:
        endowment = exhaustive_endowment(
            instance.costs, instance.supporters, instance.weights, fundable
        )
        run = instance.solver.solve([endowment])[endowment]
    extra = {"completion": "exhaustive", "start_endowment": str(start)}
    return instance.outcome("mes-add1", run, election, **extra)


def voter_payments(outcome: Outcome, approved: Collection[str]) -> list[tuple[str, Fraction]]:
    """What a voter who approved ``approved`` paid, round by round, in an MES outcome.

    This is how a voter's share is explained: she starts with the endowment and, for each
    funded project she approved, pays its price or, if she has less, all she has left.
    """
    budget = Fraction(outcome.parameters["endowment"])
    payments = []
    for step in outcome.rounds:
        if step.project in approved and budget > 0:
            amount = min(budget, step.price)
            budget -= amount
            payments.append((step.project, amount))
    return payments


def _renamed(outcome: Outcome, **extra: str) -> Outcome:
    return replace(outcome, rule="mes-add1", parameters={**outcome.parameters, **extra})
