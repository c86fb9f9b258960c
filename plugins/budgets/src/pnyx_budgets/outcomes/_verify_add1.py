"""Checking the Add1 completion path of a ``mes-add1`` certificate — by re-running it.

MES spending is not monotone in the endowment, so the final endowment and the overspending
one just above it prove nothing about the endowments in between: a certificate built from
genuine runs at a later endowment (Warszawa 2017 Młynów: 1 387 instead of 1 377) passes every
round-by-round check. No short witness of "no smaller endowment overspent" is known, so the
verifier **re-runs MES** at every endowment the completion had to run: from the first one
that could overspend (:func:`._add1.safe_jump`, recomputed here from costs and votes alone)
up to the claimed final endowment plus one, with the engine's exact solver. It checks that
each fits and that the first overspending one (or the first that funds every fundable
project) is where the certificate says Add1 stopped, and compares the costs with the
certificate's ``path``. The final run and the witness are also replayed round by round
independently of the solver (:mod:`._verify_mes`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from ._add1 import MAX_BATCH, extend_path, safe_jump, thresholds
from ._mes_instance import MesInstance
from ._mes_parallel import ParallelSolve
from .model import Election


def check_completion(
    cert: Mapping[str, Any], election: Election, seed: str, processes: int = 1
) -> list[str]:
    """Problems with the completion of a ``mes-add1`` certificate (re-runs MES, see above)."""
    parameters = cert["parameters"]
    instance = MesInstance(election, seed)
    budget = Fraction(election.budget)
    fundable = set(instance.solver.candidates)
    start = math.floor(budget / instance.voters)
    endowment = Fraction(parameters["endowment"])
    problems = []
    if Fraction(parameters["start_endowment"]) != start:
        problems.append(f"Add1 must start at floor(budget / voters) = {start}")
    if endowment.denominator != 1 or endowment < start:
        return [*problems, "the Add1 endowment must be a whole number from the start up"]
    covers_all = sum(instance.costs[c] for c in fundable) <= budget
    completion = parameters["completion"]
    if completion == "exhaustive" or covers_all:
        if completion != "exhaustive" or not covers_all:
            return [*problems, "the completion is exhaustive iff the budget covers every project"]
        if set(cert["winners"]) != {instance.ids[c] for c in fundable}:
            problems.append("an exhaustive completion funds every fundable project")
        if "witness" in cert or cert.get("path"):
            problems.append("an exhaustive completion has no witness and no path")
        return problems
    if completion != "add1":
        return [*problems, f"unknown completion {completion!r}"]
    limits = thresholds(instance.costs, instance.votes, fundable)
    jump = safe_jump(instance.costs, limits, start, budget)
    if parameters["first_run"] != str(jump) or endowment < jump:
        return [*problems, f"the completion must run every endowment from {jump} on"]
    with ParallelSolve(instance.solver, processes) as solve:
        return problems + _rerun(cert, instance, solve, jump, int(endowment), budget, fundable)


def _rerun(
    cert: Mapping[str, Any],
    instance: MesInstance,
    solve: ParallelSolve,
    jump: int,
    final: int,
    budget: Fraction,
    fundable: set,
) -> list[str]:
    witness = cert.get("witness")
    last = final + 1 if witness is not None else final
    path: list[list[int]] = []
    for first in range(jump, last + 1, MAX_BATCH):
        runs = solve(range(first, min(first + MAX_BATCH, last + 1)))
        for endowment in sorted(runs):
            run = runs[endowment]
            spent = instance.cost(run)
            if endowment == final + 1:
                if spent <= budget:
                    return [f"the run at {endowment} fits the budget: Add1 goes on"]
                if [instance.ids[c] for c in run.winners] != list(witness["winners"]):
                    return ["the witness's winners are not those of MES at its endowment"]
                continue
            if spent > budget:
                return [f"the run at {endowment} overspends: Add1 stops at {endowment - 1}"]
            if endowment < final and set(run.winners) >= fundable:
                return [f"the run at {endowment} funds every project: Add1 stops there"]
            extend_path(path, endowment, spent)
            if endowment == final:
                if [instance.ids[c] for c in run.winners] != list(cert["winners"]):
                    return ["the winners are not those of MES at the certified endowment"]
                if witness is None and set(run.winners) < fundable:
                    return ["Add1 stopped before overspending while projects were unfunded"]
    if path != [list(map(int, stretch)) for stretch in cert["path"]]:
        return ["the completion path is not the one MES takes"]
    return []
