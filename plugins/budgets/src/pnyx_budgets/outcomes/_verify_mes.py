"""Checking an MES certificate by replaying its certified prices (no search for winners).

Given each round's winner and price, every voter's budget follows (a supporter pays the price
or all she has left), so the checker can confirm, round by round, that

* the payments match the certificate and cover the winner's cost exactly (a voter never pays
  more than she has, by construction of the replay);
* no other project was cheaper per unit of utility: with cost utilities a project ``c`` beats
  the winner ``w`` iff its supporters could pay ``cost_c`` with nobody paying more than
  ``q = cost_c * price_w / cost_w``; an exact tie must be won by ``w`` per the tie-break;
* after the last round no remaining project is affordable.

For ``mes-add1`` it also replays the *witness* (the run one unit per voter higher, which must
cost more than the budget) and then checks the completion path by re-running MES at the
endowments in between (:mod:`._verify_add1` says why that cannot be avoided).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from ._verify_add1 import check_completion
from ._verify_common import check_outcome
from .model import ApprovalBallot, Election
from .scoring import project_votes
from .tiebreak import ORDER, TieBreak


def verify_mes_rounds(cert: Mapping[str, Any], election: Election, processes: int = 1) -> list[str]:
    """Problems in the rounds (and Add1 evidence) of a ``mes``/``mes-add1`` certificate.

    ``processes``: how many processes may re-run the completion (:mod:`._mes_parallel`).
    """
    if election.vote_type != "approval":
        return ["MES certificates need approval ballots"]
    parameters = cert["parameters"]
    voters = len(election.ballots)
    budget = Fraction(election.budget)
    endowment = Fraction(parameters["endowment"])
    replay = _Replay(election, parameters["seed"])
    problems = []
    if int(parameters["voters"]) != voters:
        problems.append("the certificate counts another number of voters")
    if cert["total_cost"] > budget:
        problems.append("the winners cost more than the budget")
    if parameters["tie_break"] != ",".join(ORDER):
        problems.append(f"the tie-break order must be {','.join(ORDER)}")
    completed = cert["rule"] == "mes-add1" and voters > 0
    if not completed:
        if voters and endowment * voters != budget:
            problems.append("plain MES must give every voter budget / voters")
        if "witness" in cert or cert.get("path") or (voters and "completion" in parameters):
            problems.append("plain MES has no completion")
    problems += replay.check(cert, endowment)
    if completed and not problems:
        problems += _check_witness(cert, replay, endowment)
    if completed and not problems:  # last: it re-runs MES along the completion path
        problems += check_completion(cert, election, parameters["seed"], processes)
    return problems


def _check_witness(cert: Mapping[str, Any], replay: _Replay, endowment: Fraction) -> list[str]:
    """The witness (run one unit higher, which overspends), replayed round by round."""
    witness = cert.get("witness")
    if witness is None:
        return []
    problems = []
    shared = {k: cert["parameters"][k] for k in ("budget", "voters", "seed", "tie_break")}
    expected = {**shared, "endowment": str(endowment + 1)}
    if witness["rule"] != "mes" or witness["parameters"] != expected or "path" in witness:
        problems.append("the witness must be plain MES at the endowment plus one")
    if witness["total_cost"] <= replay.budget:
        problems.append("the witness does not overspend, so Add1 should have gone on")
    problems += [f"witness: {p}" for p in check_outcome(witness, replay.election)]
    problems += [f"witness: {p}" for p in replay.check(witness, endowment + 1)]
    return problems


class _Replay:
    """The election's approval ballots, ready to replay certified MES rounds exactly."""

    def __init__(self, election: Election, seed: str) -> None:
        self.election = election
        self.budget = Fraction(election.budget)
        self.costs = {pid: p.cost for pid, p in election.projects.items()}
        ballots = [b for b in election.ballots if isinstance(b, ApprovalBallot)]
        self.voters = len(ballots)
        self.supporters: dict[str, list[int]] = {pid: [] for pid in self.costs}
        for voter, ballot in enumerate(ballots):
            for pid in ballot.approved:
                self.supporters[pid].append(voter)
        withdrawn = {pid for pid, p in election.projects.items() if p.withdrawn}
        self.fundable = [
            p for p, c in self.costs.items() if c > 0 and self.supporters[p] and p not in withdrawn
        ]
        self.ties = TieBreak(self.costs, project_votes(election), seed)

    def check(self, part: Mapping[str, Any], endowment: Fraction) -> list[str]:
        """Replay ``part["rounds"]`` from ``endowment``; stops at the first inconsistent round."""
        rounds = part["rounds"]
        amounts = [Fraction(r["price"]) for r in rounds]
        amounts += [Fraction(a) for r in rounds for a, _ in r["partial_payments"]]
        den = math.lcm(endowment.denominator, *(a.denominator for a in amounts))
        budgets = [int(endowment * den)] * self.voters  # exact budgets, in units of 1/den
        remaining = set(self.fundable)
        for number, step in enumerate(rounds, 1):
            pid, price = step["project"], Fraction(step["price"])
            if pid not in remaining or price <= 0:
                return [f"round {number}: {pid!r} is not a fundable, unfunded project"]
            problems = self._cheapest(number, pid, price, den, budgets, remaining)
            problems += self._pay(number, step, int(price * den), den, budgets)
            if problems:
                return problems  # later rounds depend on this one
            remaining.discard(pid)
        if [step["project"] for step in rounds] != list(part["winners"]):
            return ["the winners are not the rounds' projects"]
        for pid in sorted(remaining):
            if sum(map(budgets.__getitem__, self.supporters[pid])) >= self.costs[pid] * den:
                return [f"after the last round {pid!r} was still affordable"]
        return []

    def _pay(self, number: int, step: Mapping, price: int, den: int, budgets: list[int]) -> list:
        pid = step["project"]
        full, partial, paid = 0, Counter(), 0
        for voter in self.supporters[pid]:
            budget = budgets[voter]
            if budget >= price:
                full += 1
                paid += price
                budgets[voter] = budget - price
            elif budget > 0:
                partial[Fraction(budget, den)] += 1
                paid += budget
                budgets[voter] = 0
        problems = []
        if paid != self.costs[pid] * den:
            problems.append(f"round {number}: the payments for {pid!r} do not cover its cost")
        claimed = Counter({Fraction(a): n for a, n in step["partial_payments"]})
        if full != step["full_payers"] or partial != claimed:
            problems.append(f"round {number}: the payments for {pid!r} are not as certified")
        return problems

    def _cheapest(
        self, number: int, pid: str, price: Fraction, den: int, budgets: list[int], remaining: set
    ) -> list[str]:
        """Problems if another project was cheaper per unit of utility than ``pid``."""
        cost_w = self.costs[pid]
        price_num = int(price * den)  # den is a multiple of every certified denominator
        for other in sorted(remaining - {pid}):
            cost = self.costs[other]
            held = Counter(map(budgets.__getitem__, self.supporters[other]))
            if sum(b * n for b, n in held.items()) < cost * den:
                continue  # not affordable: not a competitor
            # compare in integers: f(q) * cost_w, with q * cost_w = cost * price
            cap = cost * price_num
            funded = sum(min(b * cost_w, cap) * n for b, n in held.items())
            target = cost * den * cost_w
            if funded < target:
                continue
            tie = funded == target and any(b * cost_w >= cap for b in held)
            if not tie or not self.ties.prefers(pid, other):
                return [f"round {number}: {other!r} was cheaper per unit of utility than {pid!r}"]
        return []
